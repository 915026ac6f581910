package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /__sim/writes}: one entry per record the API changed, in the order applied. */
class WriteLogApiTest extends PoTestBase {

  private JsonNode writes() {
    return PoClient.json(PoClient.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/__sim/writes"))));
  }

  /** "type id op" per entry. */
  private List<String> entries() {
    List<String> out = new ArrayList<>();
    writes().path("writes").forEach(w -> out.add(w.path("type").asText() + " " + w.path("id").asText() + " "
        + w.path("op").asText()));
    return out;
  }

  @Test
  void everyRecordTheApiChangesIsLoggedInOrderButNotTheSampleDataOrFixtures() {
    start(SimOptions.defaults().withNoLimits(true).withRecords(20));
    po.admin("/fixtures", "{\"customers\":[{\"Name\":\"Fixture AS\"}]}");
    long company = po.createCompany("Logget AS").get("Id").asLong();
    po.patch("/Customers/" + company, "[{\"op\":\"replace\",\"path\":\"/PhoneNumber\",\"value\":\"22334455\"}]");
    long department = PoClient.json(po.post("/Departments", "{\"Code\":\"77\",\"Name\":\"Salg\"}")).get("Id").asLong();
    long person = PoClient.json(po.post("/ContactPersons/" + company, "{\"FirstName\":\"Kari\",\"LastName\":\"Nord\"}"))
        .get("Id").asLong();
    po.delete("/Customers/" + company);

    assertThat(entries()).containsExactly(
        "Customers " + company + " create",
        "Customers " + company + " update",
        "Departments " + department + " create",
        "ContactPersons " + person + " create",
        "ContactPersons " + person + " delete",
        "Customers " + company + " delete");
    assertThat(writes().path("dropped").asLong()).isZero();
    assertThat(writes().path("writes").get(0).path("at").asText()).isNotBlank();
  }

  @Test
  void refusedWritesAndPatchesThatChangeNothingAreNotLogged() {
    start();
    long company = po.createCompany("Uendret AS").get("Id").asLong();
    po.patch("/Customers/" + company, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"Uendret AS\"}]");
    po.post("/Customers", "{\"Name\":\"" + "x".repeat(300) + "\"}");
    po.patch("/Customers/999999999", "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"Ingen\"}]");

    assertThat(entries()).containsExactly("Customers " + company + " create");
  }

  @Test
  void writesResetAndTheSimulatorsResetEmptyTheLog() {
    start();
    po.createCompany("Først AS");
    assertThat(po.admin("/writes/reset", "").statusCode()).isEqualTo(200);
    assertThat(entries()).isEmpty();

    long second = po.createCompany("Så AS").get("Id").asLong();
    assertThat(entries()).containsExactly("Customers " + second + " create");
    po.admin("/reset", "");
    assertThat(entries()).isEmpty();
  }
}
