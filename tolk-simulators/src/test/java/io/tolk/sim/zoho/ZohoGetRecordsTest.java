package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Checklist item 2: Get Records parameters, paging, sorting, If-Modified-Since and record shape. */
class ZohoGetRecordsTest extends ZohoSimTestBase {

  @Test
  void listWithoutFieldsIsRefusedWith400RequiredParamMissing() {
    account("Fjord AS");
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
    assertThat(r.json().path("details").path("param_name").asText()).isEqualTo("fields");
  }

  @Test
  void listWithMoreThan50FieldsIsRefusedWithLimitExceeded() {
    StringJoiner j = new StringJoiner(",");
    for (int i = 0; i < 51; i++) j.add("F" + i);
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=" + j);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
  }

  @Test
  void listWithUnknownFieldNameIsRefusedWithInvalidData() {
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name,Acount_Nmae");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.json().path("details").path("api_name").asText()).isEqualTo("Acount_Nmae");
  }

  @Test
  void listWithPerPageOver200IsRefusedWith400() {
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&per_page=201");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.json().path("details").path("param_name").asText()).isEqualTo("per_page");
  }

  @Test
  void listDefaultsTo200PerPageSortedByIdDescending() {
    List<String> ids = fixtureAccounts(250, "A");
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name");
    assertThat(r.status()).isEqualTo(200);
    JsonNode info = r.json().path("info");
    assertThat(info.path("per_page").asInt()).isEqualTo(200);
    assertThat(info.path("count").asInt()).isEqualTo(200);
    assertThat(info.path("page").asInt()).isEqualTo(1);
    assertThat(info.path("more_records").asBoolean()).isTrue();
    assertThat(info.path("sort_by").asText()).isEqualTo("id");
    assertThat(info.path("sort_order").asText()).isEqualTo("desc");
    assertThat(info.path("next_page_token").asText()).isNotEmpty();
    assertThat(info.has("previous_page_token")).isTrue();
    assertThat(info.path("page_token_expiry").asText()).isEqualTo("2025-01-11T09:00:00+01:00");
    assertThat(r.item(0).path("id").asText()).isEqualTo(ids.get(249));
  }

  @Test
  void discretePageBeyondTheFirst2000RecordsIsRefusedWithDiscretePaginationLimitExceeded() {
    fixtureAccounts(2100, "A");
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name&page=10&per_page=200").status()).isEqualTo(200);
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&page=11&per_page=200");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("DISCRETE_PAGINATION_LIMIT_EXCEEDED");
  }

  @Test
  void pageTokenWalksEveryRecordExactlyOnceBeyond2000() {
    Set<String> ids = new HashSet<>(fixtureAccounts(2345, "A"));
    Set<String> seen = new HashSet<>();
    String token = null;
    int pages = 0;
    do {
      ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&sort_order=asc" + (token == null ? "" : "&page_token=" + token));
      assertThat(r.status()).isEqualTo(200);
      for (JsonNode rec : r.json().path("data")) assertThat(seen.add(rec.path("id").asText())).isTrue();
      pages++;
      assertThat(r.json().path("info").path("page").asInt()).isEqualTo(pages);
      token = r.json().path("info").path("more_records").asBoolean() ? r.json().path("info").path("next_page_token").asText() : null;
    } while (token != null);
    assertThat(seen).isEqualTo(ids);
    assertThat(pages).isEqualTo(12);
  }

  @Test
  void previousPageTokenLeadsBackToThePreviousPage() {
    fixtureAccounts(450, "A");
    ZohoHttp.Resp p1 = http.get("/crm/v8/Accounts?fields=Account_Name");
    ZohoHttp.Resp p2 = http.get("/crm/v8/Accounts?fields=Account_Name&page_token=" + p1.json().path("info").path("next_page_token").asText());
    ZohoHttp.Resp back = http.get("/crm/v8/Accounts?fields=Account_Name&page_token="
        + p2.json().path("info").path("previous_page_token").asText());
    assertThat(back.json().path("data")).isEqualTo(p1.json().path("data"));
    assertThat(p1.json().path("info").path("previous_page_token").isNull()).isTrue();
  }

  @Test
  void pageTokenTogetherWithPageIsRefusedWithAmbiguityDuringProcessing() {
    fixtureAccounts(300, "A");
    String token = http.get("/crm/v8/Accounts?fields=Account_Name").json().path("info").path("next_page_token").asText();
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&page=2&page_token=" + token);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("AMBIGUITY_DURING_PROCESSING");
  }

  @Test
  void pageTokenWithOtherParametersIsRefusedWithTokenBoundDataMismatch() {
    fixtureAccounts(300, "A");
    String token = http.get("/crm/v8/Accounts?fields=Account_Name").json().path("info").path("next_page_token").asText();
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name,Phone&page_token=" + token);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("TOKEN_BOUND_DATA_MISMATCH");
    ZohoHttp.Resp r2 = http.get("/crm/v8/Accounts?fields=Account_Name&sort_order=asc&page_token=" + token);
    assertThat(r2.json().path("code").asText()).isEqualTo("TOKEN_BOUND_DATA_MISMATCH");
  }

  @Test
  void pageTokenExpiresAfter24HoursOnTheSimClock() {
    fixtureAccounts(300, "A");
    String token = http.get("/crm/v8/Accounts?fields=Account_Name").json().path("info").path("next_page_token").asText();
    clock.advance(Duration.ofHours(24));
    http.forgetToken();
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&page_token=" + token);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("EXPIRED_VALUE");
  }

  @Test
  void unknownPageTokenIsRefusedWithInvalidData() {
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&page_token=deadbeef");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_DATA");
  }

  @Test
  void sortByModifiedTimeAscendingOrdersByModification() {
    String a = account("First");
    clock.advance(Duration.ofSeconds(5));
    String b = account("Second");
    clock.advance(Duration.ofSeconds(5));
    http.put("/crm/v8/Accounts/" + a, data(Map.of("Phone", "123")));
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name,Modified_Time&sort_by=Modified_Time&sort_order=asc");
    assertThat(r.item(0).path("id").asText()).isEqualTo(b);
    assertThat(r.item(1).path("id").asText()).isEqualTo(a);
    assertThat(r.json().path("info").path("sort_by").asText()).isEqualTo("Modified_Time");
  }

  @Test
  void sortByOtherFieldIsRefused() {
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&sort_by=Account_Name");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_DATA");
  }

  @Test
  void ifModifiedSinceReturnsOnlyRecordsModifiedStrictlyAfter() {
    account("Old");
    clock.advance(Duration.ofSeconds(10));
    String fresh = account("New");
    // T0 + 10 s is exactly the second the new account was written: "after" means strictly after, so give T0 + 9 s
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name", "If-Modified-Since", "2025-01-10T09:00:09+01:00");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("data")).hasSize(1);
    assertThat(r.item(0).path("id").asText()).isEqualTo(fresh);
    ZohoHttp.Resp none = http.get("/crm/v8/Accounts?fields=Account_Name", "If-Modified-Since", "2025-01-10T09:00:10+01:00");
    assertThat(none.status()).isEqualTo(304);
    assertThat(none.text()).isEmpty();
  }

  @Test
  void listWithNoRecordsAnswers204WithEmptyBody() {
    ZohoHttp.Resp r = http.get("/crm/v8/Contacts?fields=Last_Name");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.text()).isEmpty();
  }

  @Test
  void recordsCarry19DigitIdsRequestedFieldsAndNullForUnsetFields() {
    account("Fjord AS");
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name,Phone");
    JsonNode rec = r.item(0);
    assertThat(rec.path("id").isTextual()).isTrue();
    assertThat(rec.path("id").asText()).matches("\\d{19}");
    assertThat(rec.path("Account_Name").asText()).isEqualTo("Fjord AS");
    assertThat(rec.has("Phone")).isTrue();
    assertThat(rec.path("Phone").isNull()).isTrue();
    assertThat(rec.has("Website")).as("only requested fields").isFalse();
  }

  @Test
  void datetimesHaveSecondPrecisionAndTheOrgOffset() {
    clock.set(T0.plusMillis(123));
    account("Fjord AS");
    JsonNode rec = http.get("/crm/v8/Accounts?fields=Created_Time,Modified_Time").item(0);
    assertThat(rec.path("Created_Time").asText()).isEqualTo("2025-01-10T09:00:00+01:00");
    assertThat(rec.path("Modified_Time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
  }

  @Test
  void lookupsRenderAsNameAndIdAndOwnerAddsEmail() {
    String acc = account("Fjord AS");
    contact(Map.of("Last_Name", "Nordmann", "Account_Name", Map.of("id", acc)));
    JsonNode rec = http.get("/crm/v8/Contacts?fields=Account_Name,Owner,Full_Name").item(0);
    assertThat(rec.path("Account_Name").path("id").asText()).isEqualTo(acc);
    assertThat(rec.path("Account_Name").path("name").asText()).isEqualTo("Fjord AS");
    assertThat(rec.path("Owner").path("id").asText()).matches("\\d{19}");
    assertThat(rec.path("Owner").path("email").asText()).contains("@");
    assertThat(rec.path("Full_Name").asText()).isEqualTo("Nordmann");
  }

  @Test
  void idsParameterLimitsTheListing() {
    List<String> ids = fixtureAccounts(10, "A");
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name&ids=" + ids.get(2) + "," + ids.get(5));
    List<String> got = new ArrayList<>();
    r.json().path("data").forEach(n -> got.add(n.path("id").asText()));
    assertThat(got).containsExactly(ids.get(5), ids.get(2));
  }

  @Test
  void getByIdReturnsDataArrayWithAllFieldsAndUnknownIdAnswers204() {
    String id = account("Fjord AS");
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts/" + id);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("data")).hasSize(1);
    assertThat(r.item(0).path("Account_Name").asText()).isEqualTo("Fjord AS");
    assertThat(r.item(0).has("Billing_City")).isTrue();
    assertThat(http.get("/crm/v8/Accounts/4876876000000999999").status()).isEqualTo(204);
  }

  @Test
  void externalIdHeaderAddressesARecordByItsUniqueField() {
    String id = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "PO-7")))
        .item(0).path("details").path("id").asText();
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts/PO-7", "X-EXTERNAL", "Accounts.PowerOffice_Id");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.item(0).path("id").asText()).isEqualTo(id);
    assertThat(http.put("/crm/v8/Accounts/PO-7", data(Map.of("Phone", "9")), "X-EXTERNAL", "Accounts.PowerOffice_Id")
        .item(0).path("details").path("id").asText()).isEqualTo(id);
    assertThat(http.get("/crm/v8/Accounts/PO-8", "X-EXTERNAL", "Accounts.PowerOffice_Id").status()).isEqualTo(204);
    assertThat(http.get("/crm/v8/Accounts/PO-7", "X-EXTERNAL", "Accounts.Phone").status()).as("not a unique field").isEqualTo(400);
  }

  @Test
  void unknownModuleIsRefusedWithInvalidModule() {
    ZohoHttp.Resp r = http.get("/crm/v8/Leeds?fields=Last_Name");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_MODULE");
  }
}
