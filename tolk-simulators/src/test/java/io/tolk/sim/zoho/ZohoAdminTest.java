package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin: fixtures without validation, reset, sample data, the state file. */
class ZohoAdminTest extends ZohoSimTestBase {

  @Test
  void fixturesLoadLegacyRecordsWithoutValidationHonouringGivenIdAndModifiedTime() {
    Map<String, Object> body = Map.of(
        "Accounts", List.of(Map.of("id", "4876876000000000777", "Account_Name", "x".repeat(150),
            "Modified_Time", "2024-12-01T10:00:00+01:00")),
        "Contacts", List.of(Map.of("First_Name", "No last name", "Email", "not-an-email",
            "Account_Name", Map.of("id", "4876876000000000777"))));
    ZohoHttp.Resp r = http.admin("/fixtures", body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("Accounts").path(0).asText()).isEqualTo("4876876000000000777");
    String contactId = r.json().path("Contacts").path(0).asText();
    JsonNode acc = http.get("/crm/v8/Accounts/4876876000000000777").item(0);
    assertThat(acc.path("Account_Name").asText()).hasSize(150);
    assertThat(acc.path("Modified_Time").asText()).isEqualTo("2024-12-01T10:00:00+01:00");
    JsonNode c = http.get("/crm/v8/Contacts/" + contactId).item(0);
    assertThat(c.path("Email").asText()).isEqualTo("not-an-email");
    assertThat(c.path("Account_Name").path("name").asText()).hasSize(150);
    // a later partial update that does not touch the legacy values passes validation
    assertThat(http.put("/crm/v8/Accounts/4876876000000000777", data(Map.of("Phone", "1"))).status()).isEqualTo(200);
  }

  @Test
  void newIdsStayAboveFixtureIds() {
    http.admin("/fixtures", Map.of("Accounts", List.of(Map.of("id", "4876876000009000000", "Account_Name", "A"))));
    assertThat(Long.parseLong(account("B"))).isGreaterThan(4876876000009000000L);
  }

  @Test
  void resetEmptiesAllData() {
    account("A");
    assertThat(http.admin("/reset", null).status()).isEqualTo(200);
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
  }

  @Test
  void fixturesWithNonArrayModuleAreRefused() {
    assertThat(http.admin("/fixtures", Map.of("Accounts", "nope")).status()).isEqualTo(400);
  }

  @Test
  void sampleRecordsAreDeterministicAndShapedForTheSync() {
    List<String> first = names(100);
    List<String> second = names(100);
    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  private List<String> names(int records) {
    SimClock c = new SimClock();
    c.set(T0);
    try (ZohoSimulator s = ZohoSimulator.start(SimOptions.defaults().withRecords(records).withClock(c))) {
      ZohoHttp h = new ZohoHttp(s.baseUrl());
      List<String> out = new ArrayList<>();
      JsonNode accounts = h.get("/crm/v8/Accounts?fields=Account_Name,Billing_City&sort_order=asc").json().path("data");
      JsonNode contacts = h.get("/crm/v8/Contacts?fields=Last_Name,Mailing_City,Other_City,Mailing_Country&sort_order=asc")
          .json().path("data");
      assertThat(accounts.size()).isGreaterThan(10);
      assertThat(contacts.size()).isGreaterThan(5);
      boolean norway = false;
      for (JsonNode a : accounts) out.add(a.path("id").asText() + " " + a.path("Account_Name").asText());
      for (JsonNode p : contacts) {
        out.add(p.path("id").asText() + " " + p.path("Last_Name").asText());
        assertThat(p.path("Mailing_City").asText()).isEqualTo(p.path("Other_City").asText());
        norway |= p.path("Mailing_Country").asText().equals("Norway");
      }
      assertThat(norway).as("some contacts have the country written as a name").isTrue();
      return out;
    }
  }

  @Test
  void stateFileKeepsRecordsAndRecycleBinAcrossRestarts(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("zoho-state.json");
    SimClock c = new SimClock();
    c.set(T0);
    String kept;
    String deleted;
    try (ZohoSimulator s = ZohoSimulator.start(SimOptions.defaults().withStateFile(state).withRecords(50).withClock(c))) {
      ZohoHttp h = new ZohoHttp(s.baseUrl());
      kept = h.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Kept AS"))).item(0).path("details").path("id").asText();
      deleted = h.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Gone AS"))).item(0).path("details").path("id").asText();
      h.delete("/crm/v8/Accounts/" + deleted);
    }
    assertThat(Files.exists(state)).isTrue();
    try (ZohoSimulator s = ZohoSimulator.start(SimOptions.defaults().withStateFile(state).withRecords(50).withClock(c))) {
      ZohoHttp h = new ZohoHttp(s.baseUrl());
      assertThat(h.get("/crm/v8/Accounts/" + kept).item(0).path("Account_Name").asText()).isEqualTo("Kept AS");
      assertThat(h.get("/crm/v8/Accounts/deleted").json().path("data").findValuesAsText("id")).contains(deleted);
      assertThat(Long.parseLong(h.post("/crm/v8/Accounts", data(Map.of("Account_Name", "New"))).item(0).path("details")
          .path("id").asText())).isGreaterThan(Long.parseLong(deleted));
    }
  }

  @Test
  void stateFileIsSavedShortlyAfterAWriteWithoutWaitingForClose(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("zoho-state.json");
    SimClock c = new SimClock();
    c.set(T0);
    try (ZohoSimulator s = ZohoSimulator.start(SimOptions.defaults().withStateFile(state).withClock(c))) {
      new ZohoHttp(s.baseUrl()).post("/crm/v8/Accounts", data(Map.of("Account_Name", "Saved Early AS")));
      long deadline = System.nanoTime() + 5_000_000_000L;
      boolean saved = false;
      while (!saved && System.nanoTime() < deadline) {
        saved = Files.exists(state) && Files.readString(state).contains("Saved Early AS");
        if (!saved) java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      }
      assertThat(saved).as("the debounced save wrote the record while the simulator runs").isTrue();
    }
  }

  @Test
  void unknownPathAnswersZohoInvalidUrlPattern() {
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts/123/whatever/else");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_URL_PATTERN");
  }
}
