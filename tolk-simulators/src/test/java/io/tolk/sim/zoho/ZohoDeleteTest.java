package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Checklist item 5: delete to the recycle bin, the deleted-records list, restore. */
class ZohoDeleteTest extends ZohoSimTestBase {

  @Test
  void deleteByIdsMovesRecordsToTheRecycleBinWithRecordDeleted() {
    String a = account("A");
    String b = account("B");
    ZohoHttp.Resp r = http.delete("/crm/v8/Accounts?ids=" + a + "," + b);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.item(0).path("message").asText()).isEqualTo("record deleted");
    assertThat(r.item(0).path("details").path("id").asText()).isEqualTo(a);
    assertThat(r.item(1).path("details").path("id").asText()).isEqualTo(b);
    assertThat(http.get("/crm/v8/Accounts/" + a).status()).isEqualTo(204);
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
  }

  @Test
  void deleteByPathId() {
    String a = account("A");
    ZohoHttp.Resp r = http.delete("/crm/v8/Accounts/" + a);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.item(0).path("code").asText()).isEqualTo("SUCCESS");
  }

  @Test
  void deletedListShowsRecycleEntriesWithDeletedTime() {
    String a = account("Fjord AS");
    clock.advance(Duration.ofMinutes(2));
    http.delete("/crm/v8/Accounts?ids=" + a);
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts/deleted?type=recycle");
    assertThat(r.status()).isEqualTo(200);
    JsonNode item = r.item(0);
    assertThat(item.path("id").asText()).isEqualTo(a);
    assertThat(item.path("type").asText()).isEqualTo("recycle");
    assertThat(item.path("display_name").asText()).isEqualTo("Fjord AS");
    assertThat(item.path("deleted_time").asText()).isEqualTo("2025-01-10T09:02:00+01:00");
    assertThat(item.path("deleted_by").path("id").asText()).isNotEmpty();
    JsonNode info = r.json().path("info");
    assertThat(info.path("count").asInt()).isEqualTo(1);
    assertThat(info.path("more_records").asBoolean()).isFalse();
    assertThat(http.get("/crm/v8/Accounts/deleted?type=permanent").status()).isEqualTo(204);
  }

  @Test
  void deletedListHonoursIfModifiedSinceAndAnswers204WhenNothingInRange() {
    String a = account("A");
    String b = account("B");
    http.delete("/crm/v8/Accounts/" + a);
    clock.advance(Duration.ofMinutes(10));
    http.delete("/crm/v8/Accounts/" + b);
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts/deleted?type=all", "If-Modified-Since", "2025-01-10T09:05:00+01:00");
    assertThat(r.json().path("data")).hasSize(1);
    assertThat(r.item(0).path("id").asText()).isEqualTo(b);
    assertThat(http.get("/crm/v8/Contacts/deleted").status()).isEqualTo(204);
  }

  @Test
  void recycleEntriesBecomePermanentAfter60DaysAndVanishAfter120() {
    String a = account("A");
    http.delete("/crm/v8/Accounts/" + a);
    clock.advance(Duration.ofDays(61));
    http.forgetToken();
    assertThat(http.get("/crm/v8/Accounts/deleted?type=permanent").item(0).path("id").asText()).isEqualTo(a);
    clock.advance(Duration.ofDays(60));
    http.forgetToken();
    assertThat(http.get("/crm/v8/Accounts/deleted").status()).isEqualTo(204);
  }

  @Test
  void deletedListPerPageOver200IsRefused() {
    assertThat(http.get("/crm/v8/Accounts/deleted?per_page=201").status()).isEqualTo(400);
  }

  @Test
  void deletingAnAlreadyDeletedRecordIsRefusedWithRecordNotDeleted() {
    String a = account("A");
    http.delete("/crm/v8/Accounts/" + a);
    ZohoHttp.Resp r = http.delete("/crm/v8/Accounts?ids=" + a);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.item(0).path("message").asText()).isEqualTo("record not deleted");
  }

  @Test
  void deleteWithoutIdsIsRefusedWithRequiredParamMissing() {
    ZohoHttp.Resp r = http.delete("/crm/v8/Accounts");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
  }

  @Test
  void deleteOfMoreThan100IdsIsRefusedWithLimitExceeded() {
    StringJoiner j = new StringJoiner(",");
    for (int i = 0; i < 101; i++) j.add(Long.toString(4876876000000900000L + i));
    ZohoHttp.Resp r = http.delete("/crm/v8/Accounts?ids=" + j);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
  }

  @Test
  void mixedDeleteAnswers207() {
    String a = account("A");
    ZohoHttp.Resp r = http.delete("/crm/v8/Accounts?ids=" + a + ",4876876000000999999");
    assertThat(r.status()).isEqualTo(207);
    assertThat(r.item(1).path("message").asText()).isEqualTo("the id given seems to be invalid");
  }

  @Test
  void adminRestoreBringsTheRecordBackWithTheSameIdAndAFreshModifiedTime() {
    String a = account("Fjord AS");
    http.delete("/crm/v8/Accounts/" + a);
    clock.advance(Duration.ofMinutes(3));
    ZohoHttp.Resp r = http.admin("/restore", Map.of("module", "Accounts", "id", a));
    assertThat(r.status()).isEqualTo(200);
    JsonNode rec = http.get("/crm/v8/Accounts/" + a).item(0);
    assertThat(rec.path("Account_Name").asText()).isEqualTo("Fjord AS");
    assertThat(rec.path("Modified_Time").asText()).isEqualTo("2025-01-10T09:03:00+01:00");
    assertThat(http.get("/crm/v8/Accounts/deleted").status()).isEqualTo(204);
    assertThat(http.admin("/restore", Map.of("module", "Accounts", "id", a)).status()).isEqualTo(404);
  }

  @Test
  void deletedAccountDisappearsFromContactLookups() {
    String acc = account("Fjord AS");
    String c = contact(Map.of("Last_Name", "N", "Account_Name", Map.of("id", acc)));
    http.delete("/crm/v8/Accounts/" + acc);
    assertThat(http.get("/crm/v8/Contacts/" + c).item(0).path("Account_Name").isNull()).isTrue();
    http.admin("/restore", Map.of("module", "Accounts", "id", acc));
    assertThat(http.get("/crm/v8/Contacts/" + c).item(0).path("Account_Name").path("id").asText()).isEqualTo(acc);
  }

  @Test
  void deletedListPagesByPageAndPerPage() {
    List<String> ids = fixtureAccounts(5, "D");
    for (String id : ids) {
      clock.advance(Duration.ofMinutes(1));
      http.forgetToken();
      http.delete("/crm/v8/Accounts/" + id);
    }
    ZohoHttp.Resp first = http.get("/crm/v8/Accounts/deleted?per_page=2");
    assertThat(topIds(first)).as("most recently deleted first")
        .containsExactly(ids.get(4), ids.get(3));
    assertThat(first.json().path("info").path("more_records").asBoolean()).isTrue();
    ZohoHttp.Resp second = http.get("/crm/v8/Accounts/deleted?per_page=2&page=2");
    assertThat(second.status()).isEqualTo(200);
    assertThat(topIds(second)).containsExactly(ids.get(2), ids.get(1));
    assertThat(second.json().path("info").path("page").asInt()).isEqualTo(2);
    assertThat(second.json().path("info").path("count").asInt()).isEqualTo(2);
    assertThat(second.json().path("info").path("more_records").asBoolean()).isTrue();
    ZohoHttp.Resp third = http.get("/crm/v8/Accounts/deleted?per_page=2&page=3");
    assertThat(topIds(third)).containsExactly(ids.get(0));
    assertThat(third.json().path("info").path("more_records").asBoolean()).isFalse();
    assertThat(http.get("/crm/v8/Accounts/deleted?per_page=2&page=4").status()).isEqualTo(204);
  }

  /** The record ids of a response's data[] (not the nested user ids). */
  private static java.util.List<String> topIds(ZohoHttp.Resp r) {
    java.util.List<String> out = new java.util.ArrayList<>();
    r.json().path("data").forEach(n -> out.add(n.path("id").asText()));
    return out;
  }
}
