package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Admin API: fixtures that bypass validation (legacy data), reset, counters. */
class FixturesAndAdminTest extends PoTestBase {

  @Test
  void fixturesLoadLegacyRecordsThatValidationWouldRefuse() {
    start();
    String longName = "L".repeat(300);
    HttpResponse<String> r = po.admin("/fixtures", "{\"customers\":[{\"IsPerson\":true,\"FirstName\":\"Only\"},"
        + "{\"Name\":\"" + longName + "\",\"LastChangedDateTimeOffset\":\"2020-01-01T00:00:00Z\"}],"
        + "\"departments\":[{\"Code\":\"10\",\"Name\":\"Salg\",\"IsActive\":true}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode ids = PoClient.json(r);
    assertThat(ids.get("customers")).hasSize(2);
    assertThat(ids.get("departments")).hasSize(1);
    JsonNode person = PoClient.json(po.get("/Customers/" + ids.get("customers").get(0).asLong()));
    assertThat(person.get("LastName").isNull()).isTrue();
    JsonNode legacy = PoClient.json(po.get("/Customers/" + ids.get("customers").get(1).asLong()));
    assertThat(legacy.get("Name").asText()).hasSize(300);
    assertThat(legacy.get("LastChangedDateTimeOffset").asText()).isEqualTo("2020-01-01T00:00:00.0000000+00:00");
  }

  @Test
  void patchingALegacyRecordStillValidatesTheWholeRecord() {
    start();
    long id = PoClient.json(po.admin("/fixtures", "{\"customers\":[{\"IsPerson\":true,\"FirstName\":\"Only\"}]}"))
        .get("customers").get(0).asLong();
    JsonNode p = problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/PhoneNumber\",\"value\":\"+4712345678\"}]"), 400);
    assertThat(p.get("detail").asText()).contains("LastName");
  }

  @Test
  void fixtureWithUnknownPropertyIsRefusedNamingIt() {
    start();
    HttpResponse<String> r = po.admin("/fixtures", "{\"customers\":[{\"Nmae\":\"x\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Nmae");
  }

  @Test
  void resetEmptiesAllData() {
    start();
    po.createCompany("A");
    assertThat(po.admin("/reset", "").statusCode()).isEqualTo(200);
    po.forgetToken();
    assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
  }

  @Test
  void countersCountReadsWritesAndRecordsWritten() {
    start();
    po.createCompany("A");
    po.get("/Customers");
    po.get("/Customers");
    assertThat(sim.counters().requests("customers.create")).isEqualTo(1);
    assertThat(sim.counters().requests("customers.list")).isEqualTo(2);
    assertThat(sim.counters().writes()).isEqualTo(1);
    assertThat(sim.counters().reads()).isEqualTo(2);
    assertThat(sim.counters().recordsWritten()).isEqualTo(1);
    assertThat(PoClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/__sim/counters")))
        .body()).contains("\"customers.list\":2");
  }
}
