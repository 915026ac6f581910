package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many orgs in one Zoho simulator: each refresh token its own org with its own records, access tokens, counters,
 * write log, faults, credits and concurrency.
 */
class ZohoTenantsTest {
  private static final String ACCOUNTS = "/crm/v8/Accounts?fields=Account_Name&per_page=200";
  private final List<ZohoSimulator> sims = new ArrayList<>();

  @AfterEach
  void stop() {
    sims.forEach(ZohoSimulator::close);
  }

  private ZohoSimulator start(SimOptions options) {
    SimClock clock = new SimClock();
    clock.set(Instant.parse("2025-01-10T08:00:00Z"));
    ZohoSimulator sim = ZohoSimulator.start(options.withClock(clock));
    sims.add(sim);
    return sim;
  }

  private static List<String> accounts(ZohoHttp http) {
    ZohoHttp.Resp r = http.get(ACCOUNTS);
    assertThat(r.status()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().path("data").forEach(a -> out.add(a.path("id").asText() + " " + a.path("Account_Name").asText()));
    return out;
  }

  private static Set<String> ids(List<String> rows) {
    Set<String> out = new HashSet<>();
    rows.forEach(r -> out.add(r.substring(0, r.indexOf(' '))));
    return out;
  }

  @Test
  void tenantsOptionStartsNumberedOrgsEachWithItsOwnDeterministicSample() {
    ZohoSimulator sim = start(SimOptions.defaults().withRecords(30).withTenants(3));
    assertThat(sim.tenantCredentials()).extracting(ZohoCredentials::refreshToken)
        .containsExactly("demo-refresh", "demo-refresh-2", "demo-refresh-3");
    assertThat(sim.tenantCredentials()).extracting(ZohoCredentials::clientId).containsOnly("demo-client");
    List<String> first = accounts(new ZohoHttp(sim.baseUrl()));
    List<String> second = accounts(new ZohoHttp(sim.baseUrl(), "demo-refresh-2"));
    List<String> third = accounts(new ZohoHttp(sim.baseUrl(), "demo-refresh-3"));
    assertThat(second).isNotEmpty().isNotEqualTo(third);
    assertThat(ids(first)).doesNotContainAnyElementsOf(ids(second)).doesNotContainAnyElementsOf(ids(third));
    assertThat(ids(second)).doesNotContainAnyElementsOf(ids(third));

    ZohoSimulator again = start(SimOptions.defaults().withRecords(30).withTenants(3));
    assertThat(accounts(new ZohoHttp(again.baseUrl(), "demo-refresh-3"))).isEqualTo(third);
    assertThat(accounts(new ZohoHttp(start(SimOptions.defaults().withRecords(30)).baseUrl())))
        .as("the default org keeps the one-org sample").isEqualTo(first);
  }

  @Test
  void anOrgsTokenNeitherSeesNorChangesAnotherOrgsRecords() {
    ZohoSimulator sim = start(SimOptions.defaults().withTenants(2));
    ZohoHttp demo = new ZohoHttp(sim.baseUrl());
    ZohoHttp second = new ZohoHttp(sim.baseUrl(), "demo-refresh-2");
    ZohoHttp.Resp created = second.post("/crm/v8/Accounts",
        Map.of("data", List.of(Map.of("Account_Name", "Only In Two AS"))));
    assertThat(created.status()).isEqualTo(201);
    String id = created.item(0).path("details").path("id").asText();

    assertThat(demo.get("/crm/v8/Accounts/" + id).status()).isEqualTo(204);
    assertThat(demo.get(ACCOUNTS).status()).as("the default org has no Accounts").isEqualTo(204);
    ZohoHttp.Resp search = demo.get("/crm/v8/Accounts/search?word=Only");
    assertThat(search.status()).isEqualTo(204);
    assertThat(second.get("/crm/v8/Accounts/" + id).item(0).path("Account_Name").asText()).isEqualTo("Only In Two AS");
    assertThat(sim.recordCount("demo-refresh-2", ZohoModule.ACCOUNTS)).isEqualTo(1);
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isZero();
  }

  @Test
  void countersWriteLogAndFaultsArePerOrgAndTheAdminApiSelectsByQueryOrHeader() {
    ZohoSimulator sim = start(SimOptions.defaults().withTenants(2));
    ZohoHttp demo = new ZohoHttp(sim.baseUrl());
    ZohoHttp second = new ZohoHttp(sim.baseUrl(), "demo-refresh-2");
    second.post("/crm/v8/Accounts", Map.of("data", List.of(Map.of("Account_Name", "Logged"))));

    assertThat(sim.counters("demo-refresh-2").writes()).isEqualTo(1);
    assertThat(sim.counters("demo-refresh-2").requests("oauth.token")).as("its token call").isEqualTo(1);
    assertThat(sim.counters().writes()).isZero();
    assertThat(demo.raw("GET", "/__sim/writes?tenant=demo-refresh-2", null).json().path("writes")).hasSize(1);
    assertThat(demo.raw("GET", "/__sim/writes", null).json().path("writes")).isEmpty();
    assertThat(demo.raw("GET", "/__sim/counters", null, "X-Sim-Tenant", "demo-refresh-2").json().path("writes").asLong())
        .isEqualTo(1);

    assertThat(demo.admin("/faults?tenant=demo-refresh-2", "{\"spec\":\"error=1,seed=5\"}").status()).isEqualTo(200);
    assertThat(second.get(ACCOUNTS).status()).isIn(500, 503);
    assertThat(demo.get(ACCOUNTS).status()).isEqualTo(204);

    ZohoHttp.Resp unknown = demo.raw("GET", "/__sim/limits?tenant=nobody", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).contains("no tenant 'nobody'");
  }

  @Test
  void creditsArePerOrg() {
    ZohoSimulator sim = start(SimOptions.defaults().withTenants(2));
    ZohoHttp demo = new ZohoHttp(sim.baseUrl());
    ZohoHttp second = new ZohoHttp(sim.baseUrl(), "demo-refresh-2");
    ZohoHttp.Resp set = demo.admin("/limits?tenant=demo-refresh-2", "{\"credits\":3}");
    assertThat(set.json().path("credits").asLong()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(second.get(ACCOUNTS).status()).isEqualTo(204);
    }
    assertThat(second.get(ACCOUNTS).status()).as("org 2's credits are used up").isEqualTo(429);
    assertThat(demo.get(ACCOUNTS).status()).as("the default org's are not").isEqualTo(204);
    assertThat(sim.creditsUsed("demo-refresh-2")).isEqualTo(3);
    assertThat(sim.creditsUsed()).isEqualTo(1);
    assertThat(demo.raw("GET", "/__sim/limits", null).json().path("credits").asLong()).isEqualTo(50_000);
  }

  @Test
  void concurrencyIsPerOrg() throws Exception {
    ZohoSimulator sim = start(SimOptions.defaults().withTenants(2));
    ZohoHttp demo = new ZohoHttp(sim.baseUrl());
    ZohoHttp second = new ZohoHttp(sim.baseUrl(), "demo-refresh-2");
    assertThat(demo.admin("/limits?tenant=demo-refresh-2", "{\"concurrency\":1}").status()).isEqualTo(200);
    String token = second.token();
    HttpClient client = HttpClient.newHttpClient();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch locked = new CountDownLatch(1);
    Thread holder = new Thread(() -> sim.store("demo-refresh-2").inWriteLock(() -> {
      locked.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    holder.setDaemon(true);
    holder.start();
    assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    boolean throttled = false;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!throttled && System.nanoTime() < deadline) {
        CompletableFuture<HttpResponse<String>> f = client.sendAsync(HttpRequest.newBuilder(
            URI.create(sim.baseUrl() + ACCOUNTS)).header("Authorization", "Zoho-oauthtoken " + token).build(),
            HttpResponse.BodyHandlers.ofString());
        calls.add(f);
        try {
          throttled = f.get(200, TimeUnit.MILLISECONDS).statusCode() == 429;
        } catch (java.util.concurrent.TimeoutException stillInFlight) {
          // this one holds org 2's only slot and waits for its store
        }
      }
      assertThat(throttled).as("org 2's second call is refused").isTrue();
      assertThat(demo.get(ACCOUNTS).status()).as("while the default org answers").isEqualTo(204);
    } finally {
      release.countDown();
      holder.join();
    }
    assertThat(calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 204).count()).isEqualTo(1);
  }

  @Test
  void orgsAddedAtRunTimeTakeTheirRefreshTokenAndAreListed() {
    ZohoSimulator sim = start(SimOptions.defaults().withRecords(20));
    ZohoHttp admin = new ZohoHttp(sim.baseUrl());
    assertThat(admin.refresh("demo-client", "demo-secret", "acme-refresh").json().path("error").asText())
        .isEqualTo("invalid_code");
    ZohoHttp.Resp created = admin.admin("/tenants", "{\"refreshToken\":\"acme-refresh\",\"records\":20}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("number").asInt()).isEqualTo(2);
    assertThat(admin.admin("/tenants", "{\"refreshToken\":\"acme-refresh\"}").status()).as("taken").isEqualTo(409);
    assertThat(admin.admin("/tenants", "{\"client\":\"acme\"}").text()).contains("refreshToken");
    assertThat(admin.refresh("demo-client", "wrong-secret", "acme-refresh").json().path("error").asText())
        .isEqualTo("invalid_client");

    ZohoHttp acme = new ZohoHttp(sim.baseUrl(), "acme-refresh");
    int acmeAccounts = accounts(acme).size();
    JsonNode tenants = admin.raw("GET", "/__sim/tenants", null).json().path("tenants");
    assertThat(tenants).extracting(t -> t.path("tenant").asText()).containsExactly("demo-refresh", "acme-refresh");
    assertThat(tenants.get(1).path("records").path("Accounts").asInt()).isEqualTo(acmeAccounts).isPositive();
    assertThat(tenants.get(1).path("counters").path("reads").asLong()).isEqualTo(1);
    assertThat(tenants.get(1).path("limits").path("creditsUsed").asLong()).isEqualTo(1);
    assertThat(tenants.get(0).path("counters").path("reads").asLong()).isZero();

    assertThat(admin.admin("/reset?tenant=acme-refresh", null).status()).isEqualTo(200);
    assertThat(sim.recordCount("acme-refresh", ZohoModule.ACCOUNTS)).isZero();
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).as("the default org keeps its sample").isPositive();
  }
}
