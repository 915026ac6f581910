package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many Go clients in one PowerOffice simulator: each client key its own records, tokens, counters, write log and
 * faults; one 10 requests/s limit per subscription key, however many clients share it.
 */
class PowerOfficeTenantsTest {
  private final List<PowerOfficeSimulator> sims = new ArrayList<>();

  @AfterEach
  void stop() {
    sims.forEach(PowerOfficeSimulator::close);
  }

  private PowerOfficeSimulator start(SimOptions options) {
    PowerOfficeSimulator sim = PowerOfficeSimulator.start(options);
    sims.add(sim);
    return sim;
  }

  private static SimClock pinned() {
    SimClock clock = new SimClock();
    clock.set(Instant.parse("2025-01-10T09:00:00Z"));
    return clock;
  }

  private static PoClient client(PowerOfficeSimulator sim, int tenant) {
    return new PoClient(sim, sim.tenantCredentials().get(tenant - 1));
  }

  private static List<JsonNode> customers(PoClient c) {
    HttpResponse<String> r = c.get("/Customers");
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    PoClient.json(r).forEach(out::add);
    return out;
  }

  private static Set<String> field(List<JsonNode> rows, String name) {
    Set<String> out = new HashSet<>();
    rows.forEach(n -> out.add(n.path(name).asText()));
    return out;
  }

  /** "Id Name EmailAddress" per row, in order (timestamps left out: they are the real clock's). */
  private static List<String> summary(List<JsonNode> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(n -> out.add(n.path("Id").asText() + " " + n.path("Name").asText() + " " + n.path("EmailAddress").asText()));
    return out;
  }

  private static HttpResponse<String> adminGet(PowerOfficeSimulator sim, String subPath) {
    return PoClient.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/__sim" + subPath)).GET());
  }

  @Test
  void tenantsOptionStartsNumberedClientsEachWithItsOwnDeterministicSample() {
    PowerOfficeSimulator sim = start(SimOptions.defaults().withRecords(30).withTenants(3));
    assertThat(sim.tenantCredentials()).extracting(PowerOfficeCredentials::clientKey)
        .containsExactly("demo-client", "demo-client-2", "demo-client-3");
    assertThat(sim.tenantCredentials()).extracting(PowerOfficeCredentials::subscriptionKey).containsOnly("demo-sub");
    List<JsonNode> first = customers(client(sim, 1));
    List<JsonNode> second = customers(client(sim, 2));
    List<JsonNode> third = customers(client(sim, 3));
    assertThat(first).isNotEmpty();
    assertThat(second).isNotEmpty();
    assertThat(field(first, "Id")).doesNotContainAnyElementsOf(field(second, "Id"))
        .doesNotContainAnyElementsOf(field(third, "Id"));
    assertThat(field(second, "Id")).doesNotContainAnyElementsOf(field(third, "Id"));
    assertThat(field(first, "EmailAddress")).isNotEqualTo(field(second, "EmailAddress"));

    PowerOfficeSimulator again = start(SimOptions.defaults().withRecords(30).withTenants(3));
    assertThat(summary(customers(client(again, 3)))).as("the same tenant number gives the same sample")
        .isEqualTo(summary(third));
    assertThat(summary(customers(new PoClient(again)))).as("the default tenant keeps the one-tenant sample")
        .isEqualTo(summary(customers(new PoClient(start(SimOptions.defaults().withRecords(30))))));
  }

  @Test
  void aClientsTokenNeitherSeesNorChangesAnotherClientsRecords() {
    PowerOfficeSimulator sim = start(SimOptions.defaults().withTenants(2));
    PoClient demo = new PoClient(sim);
    PoClient second = client(sim, 2);
    long id = second.createCompany("Only In Two AS").get("Id").asLong();

    assertThat(demo.get("/Customers/" + id).statusCode()).isEqualTo(404);
    assertThat(demo.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"X\"}]").statusCode())
        .isEqualTo(404);
    assertThat(demo.get("/Customers").statusCode()).as("the default client has no customers").isEqualTo(204);
    assertThat(PoClient.json(second.get("/Customers/" + id)).get("Name").asText()).isEqualTo("Only In Two AS");
  }

  @Test
  void countersAndWriteLogArePerClientAndTheAdminApiSelectsByQueryOrHeader() {
    PowerOfficeSimulator sim = start(SimOptions.defaults().withTenants(2));
    PoClient second = client(sim, 2);
    second.createCompany("Counted AS");
    second.get("/Customers");

    assertThat(sim.counters("demo-client-2").writes()).isEqualTo(1);
    assertThat(sim.counters("demo-client-2").reads()).isEqualTo(1);
    assertThat(sim.counters().writes()).as("the default client's counters").isZero();

    JsonNode byQuery = PoClient.json(adminGet(sim, "/writes?tenant=demo-client-2"));
    assertThat(byQuery.get("writes")).hasSize(1);
    assertThat(byQuery.get("writes").get(0).get("op").asText()).isEqualTo("create");
    assertThat(PoClient.json(adminGet(sim, "/writes")).get("writes")).as("default tenant's log").isEmpty();
    JsonNode byHeader = PoClient.json(PoClient.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/__sim/counters"))
        .header("X-Sim-Tenant", "demo-client-2").GET()));
    assertThat(byHeader.get("writes").asLong()).isEqualTo(1);

    HttpResponse<String> unknown = adminGet(sim, "/counters?tenant=nobody");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("no tenant 'nobody'");
  }

  @Test
  void faultsSetForOneClientLeaveTheOthersAlone() {
    PowerOfficeSimulator sim = start(SimOptions.defaults().withTenants(2));
    PoClient demo = new PoClient(sim);
    PoClient second = client(sim, 2);
    demo.token();
    second.token();
    HttpResponse<String> set = PoClient.send(HttpRequest.newBuilder(
            URI.create(sim.baseUrl() + "/__sim/faults?tenant=demo-client-2"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"spec\":\"error=1,seed=3\"}")));
    assertThat(set.statusCode()).isEqualTo(200);

    assertThat(second.get("/Customers").statusCode()).isIn(500, 503);
    assertThat(demo.get("/Customers").statusCode()).isEqualTo(204);
    assertThat(PoClient.json(adminGet(sim, "/faults")).get("spec").asText()).isEmpty();
  }

  @Test
  void clientsUnderOneSubscriptionKeyShareItsTenRequestsPerSecond() {
    PowerOfficeSimulator sim = start(SimOptions.defaults().withClock(pinned()).withTenants(3));
    List<PoClient> clients = List.of(client(sim, 1), client(sim, 2), client(sim, 3));
    clients.forEach(PoClient::token); // 3 requests
    for (int i = 0; i < 7; i++) {
      assertThat(clients.get(i % 3).get("/Customers").statusCode()).isEqualTo(204);
    }
    assertThat(clients.get(2).get("/Customers").statusCode()).as("the 11th in the second, whichever client")
        .isEqualTo(429);

    JsonNode sub = PoClient.json(adminGet(sim, "/limits")).get("subscriptions").get("demo-sub");
    assertThat(sub.get("clients")).extracting(JsonNode::asText)
        .containsExactly("demo-client", "demo-client-2", "demo-client-3");
    assertThat(sub.get("requests").asLong()).isEqualTo(11);
    assertThat(sub.get("throttled").asLong()).isEqualTo(1);
    assertThat(sub.get("peakPerSecond").asInt()).isEqualTo(11);
    assertThat(sim.counters("demo-client-3").throttledCount()).isEqualTo(1);
  }

  @Test
  void peakPerSecondShowsThatClientsPacedTogetherNeverExceededTheSharedLimit() {
    SimClock clock = pinned();
    PowerOfficeSimulator sim = start(SimOptions.defaults().withClock(clock).withTenants(4));
    List<PoClient> clients = new ArrayList<>();
    for (int t = 1; t <= 4; t++) {
      clients.add(client(sim, t));
    }
    for (int i = 0; i < 40; i++) {
      PoClient c = clients.get(i % 4);
      assertThat(i < 4 ? tokenStatus(c) : c.get("/Customers").statusCode()).isIn(200, 204);
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(sim.peakRequestsPerSecond("demo-sub")).isEqualTo(10);

    clients.get(0).get("/Customers"); // a burst: 6 more within the same instant
    for (int i = 0; i < 5; i++) {
      clients.get(1 + i % 3).get("/Customers");
    }
    assertThat(sim.peakRequestsPerSecond("demo-sub")).as("a burst shows").isGreaterThan(10);
  }

  private static int tokenStatus(PoClient c) {
    c.token();
    return 200;
  }

  @Test
  void aClientUnderAnotherSubscriptionKeyHasItsOwnLimitAndNeedsItsOwnKey() {
    PowerOfficeSimulator sim = start(SimOptions.defaults().withClock(pinned()));
    HttpResponse<String> created = new PoClient(sim).admin("/tenants",
        "{\"client\":\"acme\",\"subscriptionKey\":\"acme-sub\",\"records\":10}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(PoClient.json(created).get("subscriptionKey").asText()).isEqualTo("acme-sub");
    PoClient demo = new PoClient(sim);
    PoClient acme = new PoClient(sim, sim.tenantCredentials().get(1));
    demo.token();
    for (int i = 0; i < 9; i++) {
      demo.get("/Customers");
    }
    assertThat(demo.get("/Customers").statusCode()).isEqualTo(429);
    assertThat(acme.get("/Customers").statusCode()).as("acme-sub's own bucket").isEqualTo(200);

    PoClient acmeWithDemoSub = new PoClient(sim,
        new PowerOfficeCredentials("demo-app", "acme", "demo-sub"));
    HttpResponse<String> refused = acmeWithDemoSub.tokenCall(HttpRequest.newBuilder()
        .header("Authorization", PoClient.basic("demo-app", "acme"))
        .header("Ocp-Apim-Subscription-Key", "acme-sub-wrong")
        .header("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(refused.statusCode()).as("an unknown subscription key").isEqualTo(401);
    clockFree(sim);
    HttpResponse<String> otherKey = acmeWithDemoSub.tokenCall(HttpRequest.newBuilder()
        .header("Authorization", PoClient.basic("demo-app", "acme"))
        .header("Ocp-Apim-Subscription-Key", "demo-sub")
        .header("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(otherKey.statusCode()).as("acme's client key under demo-sub").isEqualTo(400);
    assertThat(otherKey.body()).contains("invalid_client");

    JsonNode subs = PoClient.json(adminGet(sim, "/limits")).get("subscriptions");
    assertThat(subs.get("acme-sub").get("throttled").asLong()).isZero();
    assertThat(subs.get("demo-sub").get("throttled").asLong()).isPositive();
  }

  /** Refills demo-sub's bucket. */
  private static void clockFree(PowerOfficeSimulator sim) {
    sim.clock().advance(Duration.ofSeconds(2));
  }

  @Test
  void tenantsAddedAtRunTimeAreListedWithTheirRecordsAndCounters() {
    PowerOfficeSimulator sim = start(SimOptions.defaults().withRecords(20));
    PoClient admin = new PoClient(sim);
    assertThat(admin.admin("/tenants", "{\"client\":\"acme\",\"records\":20}").statusCode()).isEqualTo(201);
    assertThat(admin.admin("/tenants", "{\"client\":\"acme\"}").statusCode()).as("taken").isEqualTo(409);
    HttpResponse<String> bad = admin.admin("/tenants", "{\"clientKey\":\"x\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\\\"client\\\"");

    PoClient acme = new PoClient(sim, new PowerOfficeCredentials("demo-app", "acme", "demo-sub"));
    acme.get("/Customers");
    JsonNode tenants = PoClient.json(adminGet(sim, "/tenants")).get("tenants");
    assertThat(tenants).extracting(t -> t.get("tenant").asText()).containsExactly("demo-client", "acme");
    JsonNode acmeRow = tenants.get(1);
    assertThat(acmeRow.get("number").asInt()).isEqualTo(2);
    assertThat(acmeRow.get("records").get("customers").asInt()).isEqualTo(customers(acme).size()).isPositive();
    assertThat(acmeRow.get("counters").get("reads").asLong()).isEqualTo(1);
    assertThat(tenants.get(0).get("counters").get("reads").asLong()).isZero();

    assertThat(admin.admin("/reset?tenant=acme", "{}").statusCode()).isEqualTo(200);
    JsonNode after = PoClient.json(adminGet(sim, "/tenants")).get("tenants");
    assertThat(after.get(1).get("records").get("customers").asInt()).isZero();
    assertThat(after.get(0).get("records").get("customers").asInt()).as("the default keeps its sample").isPositive();
  }
}
