package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Checklist 6: RFC 6902 JSON Patch, case-insensitive paths, application/json-patch+json, full DTO back. */
class PatchTest extends PoTestBase {

  private long fjord() {
    return PoClient.json(po.post("/Customers", "{\"Name\":\"Fjord AS\",\"PhoneNumber\":\"+4722334455\","
        + "\"MailAddress\":{\"City\":\"Oslo\",\"ZipCode\":\"0161\"}}")).get("Id").asLong();
  }

  @Test
  void patchReplacesValuesAndReturnsTheFullDto() {
    start();
    long id = fjord();
    HttpResponse<String> r = po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/PhoneNumber\",\"value\":\"+4799999999\"},"
        + "{\"op\":\"replace\",\"path\":\"/MailAddress/City\",\"value\":\"Bergen\"},"
        + "{\"op\":\"replace\",\"path\":\"/MailAddress/ZipCode\",\"value\":\"5003\"}]");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode c = PoClient.json(r);
    assertThat(c.get("PhoneNumber").asText()).isEqualTo("+4799999999");
    assertThat(c.get("MailAddress").get("City").asText()).isEqualTo("Bergen");
    assertThat(c.get("MailAddress").get("ZipCode").asText()).isEqualTo("5003");
    assertThat(c.get("Name").asText()).isEqualTo("Fjord AS");
    assertThat(c.has("CurrencyCode")).isTrue();
    assertThat(po.get("/Customers/" + id).body()).isEqualTo(r.body());
  }

  @Test
  void patchPathsAreCaseInsensitive() {
    start();
    long id = fjord();
    JsonNode c = PoClient.json(po.patch("/Customers/" + id, "[{\"op\":\"add\",\"path\":\"/phoneNumber\",\"value\":\"2222 5555\"},"
        + "{\"op\":\"add\",\"path\":\"/mailAddress/city\",\"value\":\"London\"},"
        + "{\"op\":\"add\",\"path\":\"/MAILADDRESS/countrycode\",\"value\":\"GB\"}]"));
    assertThat(c.get("PhoneNumber").asText()).isEqualTo("2222 5555");
    assertThat(c.get("MailAddress").get("City").asText()).isEqualTo("London");
    assertThat(c.get("MailAddress").get("CountryCode").asText()).isEqualTo("GB");
  }

  @Test
  void patchArrayOperationsOnContactGroupIds() {
    start();
    long id = fjord();
    String path = "/Customers/" + id;
    assertThat(PoClient.json(po.patch(path, "[{\"op\":\"add\",\"path\":\"/ContactGroupIds\",\"value\":[3,1001]}]"))
        .get("ContactGroupIds").toString()).isEqualTo("[3,1001]");
    assertThat(PoClient.json(po.patch(path, "[{\"op\":\"add\",\"path\":\"/ContactGroupIds/-\",\"value\":\"1\"}]"))
        .get("ContactGroupIds").toString()).isEqualTo("[3,1001,1]");
    assertThat(PoClient.json(po.patch(path, "[{\"op\":\"remove\",\"path\":\"/ContactGroupIds/0\"}]"))
        .get("ContactGroupIds").toString()).isEqualTo("[1001,1]");
    assertThat(PoClient.json(po.patch(path, "[{\"op\":\"replace\",\"path\":\"/ContactGroupIds/0\",\"value\":1002}]"))
        .get("ContactGroupIds").toString()).isEqualTo("[1002,1]");
    assertThat(PoClient.json(po.patch(path, "[{\"op\":\"remove\",\"path\":\"/ContactGroupIds/-\"}]"))
        .get("ContactGroupIds").toString()).isEqualTo("[1002]");
    problem(po.patch(path, "[{\"op\":\"remove\",\"path\":\"/ContactGroupIds/5\"}]"), 400);
  }

  @Test
  void removeCopyMoveAndTestWork() {
    start();
    long id = PoClient.json(po.post("/Customers", "{\"IsPerson\":true,\"FirstName\":\"Kari\",\"LastName\":\"Nordmann\","
        + "\"PhoneNumber\":\"2222 6666\"}")).get("Id").asLong();
    String path = "/Customers/" + id;
    JsonNode c = PoClient.json(po.patch(path, "[{\"op\":\"test\",\"path\":\"/phoneNumber\",\"value\":\"2222 6666\"},"
        + "{\"op\":\"copy\",\"from\":\"/firstname\",\"path\":\"/LegalName\"},"
        + "{\"op\":\"move\",\"from\":\"/PhoneNumber\",\"path\":\"/WebsiteUrl\"}]"));
    assertThat(c.get("LegalName").asText()).isEqualTo("Kari");
    assertThat(c.get("PhoneNumber").isNull()).isTrue();
    assertThat(c.get("WebsiteUrl").asText()).isEqualTo("2222 6666");
    JsonNode removed = PoClient.json(po.patch(path, "[{\"op\":\"remove\",\"path\":\"/WebsiteUrl\"}]"));
    assertThat(removed.get("WebsiteUrl").isNull()).isTrue();
  }

  @Test
  void failedTestOperationIsRefusedAndChangesNothing() {
    start();
    long id = fjord();
    String before = po.get("/Customers/" + id).body();
    JsonNode p = problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"Other\"},"
        + "{\"op\":\"test\",\"path\":\"/PhoneNumber\",\"value\":\"nope\"}]"), 400);
    assertThat(p.get("detail").asText()).contains("not equal");
    assertThat(po.get("/Customers/" + id).body()).isEqualTo(before);
  }

  @Test
  void unknownPathIsRefusedNamingTheSegment() {
    start();
    long id = fjord();
    JsonNode p = problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/ManagerEmployeeNo\",\"value\":1}]"), 400);
    assertThat(p.get("title").asText()).isEqualTo("Customer validation error(s)");
    assertThat(p.get("detail").asText()).contains("path segment 'manageremployeeno' was not found");
    JsonNode nested = problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/MailAddress/Town\",\"value\":\"x\"}]"), 400);
    assertThat(nested.get("detail").asText()).contains("'town'");
  }

  @Test
  void readOnlyPathsAreRefused() {
    start();
    long id = fjord();
    for (String ro : new String[] {"/Id", "/LastChangedDateTimeOffset", "/IsActive", "/MailAddress/Id",
        "/MailAddress/LastChangedDateTimeOffset", "/SubledgerAccountId", "/InvoiceEmailAddress"}) {
      JsonNode p = problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"" + ro + "\",\"value\":1}]"), 400);
      assertThat(p.get("detail").asText()).as(ro).contains("was not found");
    }
  }

  @Test
  void patchWithJsonContentTypeIsRefusedWith415() {
    start();
    long id = fjord();
    HttpResponse<String> r = PoClient.send(po.api("/Customers/" + id).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"X\"}]")));
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void patchWithAnObjectInsteadOfAnArrayIsRefused() {
    start();
    long id = fjord();
    problem(po.patch("/Customers/" + id, "{\"Name\":\"X\"}"), 400);
    problem(po.patch("/Customers/" + id, "[{\"op\":\"frobnicate\",\"path\":\"/Name\"}]"), 400);
  }

  @Test
  void patchThatBreaksARuleIsRefused() {
    start();
    long id = fjord();
    assertThat(problem(po.patch("/Customers/" + id, "[{\"op\":\"remove\",\"path\":\"/Name\"}]"), 400).get("detail").asText())
        .contains("Name");
    assertThat(problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/MailAddress/CountryCode\",\"value\":\"Norway\"}]"), 400)
        .get("detail").asText()).contains("CountryCode");
    assertThat(problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"" + "n".repeat(256) + "\"}]"), 400)
        .get("detail").asText()).contains("Name");
    assertThat(problem(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/ExternalNumber\",\"value\":\"twelve\"}]"), 400)
        .get("detail").asText()).contains("ExternalNumber");
  }

  @Test
  void patchToADuplicateExternalImportReferenceIsRefused() {
    start();
    po.post("/Customers", "{\"Name\":\"A\",\"ExternalImportReference\":\"R1\"}");
    long b = po.createCompany("B").get("Id").asLong();
    assertThat(problem(po.patch("/Customers/" + b, "[{\"op\":\"add\",\"path\":\"/ExternalImportReference\",\"value\":\"R1\"}]"), 400)
        .get("detail").asText()).contains("ExternalImportReference is already in use");
  }

  @Test
  void patchOfUnknownCustomerIs404() {
    start();
    problem(po.patch("/Customers/4242", "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"X\"}]"), 404);
  }

  @Test
  void anyChangeBumpsLastChangedButANoOpDoesNot() {
    SimClock clock = new SimClock();
    clock.set(Instant.parse("2025-01-10T09:00:00Z"));
    start(SimOptions.defaults().withNoLimits(true).withClock(clock));
    long id = fjord();
    clock.advance(Duration.ofSeconds(30));
    JsonNode same = PoClient.json(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"Fjord AS\"}]"));
    assertThat(same.get("LastChangedDateTimeOffset").asText()).isEqualTo("2025-01-10T09:00:00.0000000+00:00");
    JsonNode changed = PoClient.json(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/IsArchived\",\"value\":true}]"));
    assertThat(changed.get("LastChangedDateTimeOffset").asText()).isEqualTo("2025-01-10T09:00:30.0000000+00:00");
    assertThat(changed.get("IsArchived").asBoolean()).isTrue();
    assertThat(changed.get("IsActive").asBoolean()).isFalse();
  }

  @Test
  void patchDepartment() {
    start();
    long id = PoClient.json(po.post("/Departments", "{\"Code\":\"10\",\"Name\":\"Salg\"}")).get("Id").asLong();
    JsonNode d = PoClient.json(po.patch("/Departments/" + id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"Salg Øst\"},"
        + "{\"op\":\"replace\",\"path\":\"/IsActive\",\"value\":true}]"));
    assertThat(d.get("Name").asText()).isEqualTo("Salg Øst");
    assertThat(d.get("IsActive").asBoolean()).isTrue();
    JsonNode p = problem(po.patch("/Departments/" + id, "[{\"op\":\"replace\",\"path\":\"/managerEmployeeNo\",\"value\":2}]"), 400);
    assertThat(p.get("title").asText()).isEqualTo("Department validation error(s)");
    assertThat(p.get("detail").asText()).isEqualTo(
        "DepartmentPatchDto: The target location specified by path segment 'manageremployeeno' was not found.");
  }

  @Test
  void patchContactPersonAndItsAddress() {
    start();
    long customer = fjord();
    long id = PoClient.json(po.post("/ContactPersons/" + customer, "{\"FirstName\":\"Kari\",\"LastName\":\"N\"}")).get("Id").asLong();
    JsonNode p = PoClient.json(po.patch("/ContactPersons/" + customer + "/" + id,
        "[{\"op\":\"replace\",\"path\":\"/mailAddress/addressLine1\",\"value\":\"Downing street 10\"},"
            + "{\"op\":\"add\",\"path\":\"/Title\",\"value\":\"CEO\"}]"));
    assertThat(p.get("MailAddress").get("AddressLine1").asText()).isEqualTo("Downing street 10");
    assertThat(p.get("Title").asText()).isEqualTo("CEO");
    problem(po.patch("/ContactPersons/" + customer + "/" + id, "[{\"op\":\"remove\",\"path\":\"/LastName\"}]"), 400);
    problem(po.patch("/ContactPersons/" + (customer + 99) + "/" + id, "[{\"op\":\"add\",\"path\":\"/Title\",\"value\":\"X\"}]"), 404);
  }
}
