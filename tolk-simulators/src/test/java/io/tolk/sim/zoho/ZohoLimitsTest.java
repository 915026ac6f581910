package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.sim.common.SimOptions;
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

  private ZohoHttp.Resp limits() {
    return http.raw("GET", "/__sim/limits", null);
  }

  /** Holds the store's write lock (so calls that reach it stay in flight) until the returned latch is counted down. */
  private CountDownLatch holdStore() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch locked = new CountDownLatch(1);
    Thread holder = new Thread(() -> sim.store().inWriteLock(() -> {
      locked.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    holder.setDaemon(true);
    holder.start();
    assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private CompletableFuture<HttpResponse<String>> async(HttpClient client, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Zoho-oauthtoken " + http.token());
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends calls one after another until one is answered 429 (the earlier ones stay in flight); returns them all. */
  private List<CompletableFuture<HttpResponse<String>>> fillUntilRefused(HttpClient client, String method, String path,
                                                                         String body, int atMost) throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < atMost; i++) {
      CompletableFuture<HttpResponse<String>> f = async(client, method, path, body);
      calls.add(f);
      try {
        if (f.get(300, TimeUnit.MILLISECONDS).statusCode() == 429) return calls;
      } catch (java.util.concurrent.TimeoutException inFlight) {
        // holds a slot and waits for the store
      }
    }
    return calls;
  }

  private static String records(int n) {
    StringBuilder sb = new StringBuilder("{\"data\":[");
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ",").append("{\"Account_Name\":\"R").append(i).append("\"}");
    return sb.append("]}").toString();
  }

  @Test
  void defaultLimitsAreTheStandardEditions50000CreditsAnd10ConcurrentCalls() throws Exception {
    ZohoHttp.Resp l = limits();
    assertThat(l.status()).isEqualTo(200);
    assertThat(l.json().path("edition").asText()).isEqualTo("standard");
    assertThat(l.json().path("credits").asLong()).isEqualTo(50_000);
    assertThat(l.json().path("concurrency").asInt()).isEqualTo(10);
    assertThat(l.json().path("heavyConcurrency").asInt()).isEqualTo(10);
    assertThat(l.json().path("enforced").asBoolean()).isTrue();
    http.get(LIST);
    http.get(LIST);
    assertThat(limits().json().path("creditsRemaining").asLong()).isEqualTo(49_998);

    HttpClient client = HttpClient.newHttpClient();
    CountDownLatch release = holdStore();
    List<CompletableFuture<HttpResponse<String>>> calls = fillUntilRefused(client, "GET", LIST, null, 15);
    release.countDown();
    assertThat(calls.get(calls.size() - 1).join().statusCode()).as("the call after the in-flight ones").isEqualTo(429);
    assertThat(calls.size() - 1).as("calls in flight when the next was refused").isEqualTo(10);
    assertThat(calls.subList(0, 10)).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(204));
  }

  @Test
  void editionsAndOverridesAreSetThroughTheAdminApi() {
    ZohoHttp.Resp free = http.admin("/limits", Map.of("edition", "free"));
    assertThat(free.status()).isEqualTo(200);
    assertThat(free.json().path("credits").asLong()).isEqualTo(5_000);
    assertThat(free.json().path("concurrency").asInt()).isEqualTo(5);
    ZohoHttp.Resp ultimate = http.admin("/limits", Map.of("edition", "ULTIMATE", "credits", 3));
    assertThat(ultimate.json().path("concurrency").asInt()).isEqualTo(25);
    assertThat(ultimate.json().path("credits").asLong()).isEqualTo(3);
    assertThat(ultimate.json().path("edition").asText()).isEqualTo("custom");
    for (int i = 0; i < 3; i++) assertThat(http.get(LIST).status()).isEqualTo(204);
    assertThat(http.get(LIST).status()).isEqualTo(429);
    assertThat(sim.concurrencyLimit()).isEqualTo(25);

    ZohoHttp.Resp bad = http.admin("/limits", Map.of("edition", "gold"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").asText()).contains("gold", "free, standard, professional, enterprise, ultimate");
    assertThat(http.admin("/limits", Map.of("concurrency", 0)).status()).isEqualTo(400);
    assertThat(http.admin("/limits", Map.of("credits", "many")).status()).isEqualTo(400);
    assertThat(limits().json().path("credits").asLong()).as("a refused change changes nothing").isEqualTo(3);
  }

  @Test
  void heavyWritesBeyondTenInFlightAre429WhileLightCallsStillPass() throws Exception {
    http.admin("/limits", Map.of("edition", "ultimate"));
    HttpClient client = HttpClient.newHttpClient();
    CountDownLatch release = holdStore();
    List<CompletableFuture<HttpResponse<String>>> heavy = fillUntilRefused(client, "POST", "/crm/v8/Accounts", records(11), 15);
    CompletableFuture<HttpResponse<String>> light = async(client, "POST", "/crm/v8/Accounts", records(10));
    boolean lightRefused;
    try {
      lightRefused = light.get(300, TimeUnit.MILLISECONDS).statusCode() == 429;
    } catch (java.util.concurrent.TimeoutException inFlight) {
      lightRefused = false;
    }
    release.countDown();
    HttpResponse<String> refused = heavy.get(heavy.size() - 1).join();
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.body()).contains("TOO_MANY_REQUESTS");
    assertThat(heavy.size() - 1).as("heavy calls in flight when the next was refused").isEqualTo(10);
    assertThat(lightRefused).as("a write of 10 records is not heavy").isFalse();
    assertThat(light.join().statusCode()).isEqualTo(202);
    assertThat(heavy.subList(0, 10)).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(202));
    assertThat(sim.creditsUsed()).as("10 heavy writes at 2 credits, one light at 1; the refused one is free").isEqualTo(21);
  }

  @Test
  void heavyWritesAreNotLimitedWithNoLimits() throws Exception {
    sim.close();
    sim = ZohoSimulator.start(SimOptions.defaults().withNoLimits(true).withClock(clock), ZohoCredentials.demo(), settings());
    http = new ZohoHttp(sim.baseUrl());
    assertThat(limits().json().path("enforced").asBoolean()).isFalse();
    HttpClient client = HttpClient.newHttpClient();
    CountDownLatch release = holdStore();
    List<CompletableFuture<HttpResponse<String>>> heavy = new ArrayList<>();
    for (int i = 0; i < 12; i++) heavy.add(async(client, "POST", "/crm/v8/Accounts", records(11)));
    Thread.sleep(300);
    release.countDown();
    assertThat(heavy).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(202));
  }
}
