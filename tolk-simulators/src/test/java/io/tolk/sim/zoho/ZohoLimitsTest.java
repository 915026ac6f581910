package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Credits per rolling 24 h, the credits header, the concurrency limit, and noLimits. */
class ZohoLimitsTest extends ZohoSimTestBase {
  private static final String LIST = "/crm/v8/Accounts?fields=Account_Name";

  @Test
  void exhaustedCreditsAreAnsweredWith429TooManyRequests() {
    sim.setCreditsPerDay(5);
    for (int i = 0; i < 5; i++) assertThat(http.get(LIST).status()).isEqualTo(204);
    ZohoHttp.Resp r = http.get(LIST);
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(r.json().path("status").asText()).isEqualTo("error");
    assertThat(sim.counters().throttledCount()).isEqualTo(1);
  }

  @Test
  void creditsComeBackAfterTheRolling24HourWindow() {
    sim.setCreditsPerDay(3);
    http.get(LIST);
    clock.advance(Duration.ofHours(12));
    http.forgetToken();
    http.get(LIST);
    http.get(LIST);
    assertThat(http.get(LIST).status()).isEqualTo(429);
    clock.advance(Duration.ofHours(12));
    http.forgetToken();
    assertThat(http.get(LIST).status()).as("the first call left the window").isEqualTo(204);
    assertThat(http.get(LIST).status()).isEqualTo(429);
  }

  @Test
  void creditsRemainingHeaderAppearsFromHalfTheCreditsUsed() {
    sim.setCreditsPerDay(10);
    for (int i = 0; i < 4; i++) assertThat(http.get(LIST).header("X-API-CREDITS-REMAINING")).isNull();
    assertThat(http.get(LIST).header("X-API-CREDITS-REMAINING")).isEqualTo("5");
    assertThat(http.get(LIST).header("X-API-CREDITS-REMAINING")).isEqualTo("4");
  }

  @Test
  void writesCostOneCreditPerTenRecords() {
    Object[] recs = new Object[25];
    for (int i = 0; i < recs.length; i++) recs[i] = Map.of("Account_Name", "A" + i);
    http.post("/crm/v8/Accounts", data(recs));
    assertThat(sim.creditsUsed()).isEqualTo(3);
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "B")));
    assertThat(sim.creditsUsed()).isEqualTo(4);
  }

  @Test
  void callsBeyondTheConcurrencyLimitAreAnsweredWith429() throws Exception {
    sim.setConcurrencyLimit(1);
    String token = http.token();
    HttpClient client = HttpClient.newHttpClient();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch locked = new CountDownLatch(1);
    Thread holder = new Thread(() -> sim.store().inWriteLock(() -> {
      locked.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    holder.start();
    assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    boolean throttled = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!throttled && System.nanoTime() < deadline) {
      CompletableFuture<HttpResponse<String>> f = client.sendAsync(HttpRequest.newBuilder(URI.create(sim.baseUrl() + LIST))
          .header("Authorization", "Zoho-oauthtoken " + token).build(), HttpResponse.BodyHandlers.ofString());
      calls.add(f);
      try {
        throttled = f.get(200, TimeUnit.MILLISECONDS).statusCode() == 429;
      } catch (java.util.concurrent.TimeoutException stillInFlight) {
        // this one got the only slot and waits for the store
      }
    }
    release.countDown();
    holder.join();
    assertThat(throttled).isTrue();
    long served = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 204).count();
    assertThat(served).as("the call holding the slot is served once the store frees").isEqualTo(1);
  }

  @Test
  void tokenEndpointIsNotChargedCredits() {
    sim.setCreditsPerDay(1);
    for (int i = 0; i < 3; i++) assertThat(http.refresh("demo-client", "demo-secret", "demo-refresh").status()).isEqualTo(200);
    assertThat(sim.creditsUsed()).isZero();
  }
}
