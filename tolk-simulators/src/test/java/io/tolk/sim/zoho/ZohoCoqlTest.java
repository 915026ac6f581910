package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The COQL subset: select/where/order by/limit/offset, lookups, and the limits Zoho enforces. */
class ZohoCoqlTest extends ZohoSimTestBase {

  private ZohoHttp.Resp coql(String query) {
    return http.post("/crm/v8/coql", Map.of("select_query", query));
  }

  @Test
  void whereModifiedTimeAfterOrderedAscendingReturnsTheIncrement() {
    account("Old");
    clock.advance(Duration.ofMinutes(1));
    String b = account("B");
    clock.advance(Duration.ofMinutes(1));
    String c = account("C");
    ZohoHttp.Resp r = coql("select Account_Name, Modified_Time from Accounts where Modified_Time > '2025-01-10T09:00:30+01:00'"
        + " order by Modified_Time desc limit 200 offset 0");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("data").findValuesAsText("id")).containsExactly(c, b);
    assertThat(r.item(0).path("Modified_Time").asText()).isEqualTo("2025-01-10T09:02:00+01:00");
    assertThat(r.json().path("info").path("count").asInt()).isEqualTo(2);
    assertThat(r.json().path("info").path("more_records").asBoolean()).isFalse();
  }

  @Test
  void lookupsComeBackAsIdOnlyUnlessTheNameIsSelected() {
    String acc = account("Fjord AS");
    contact(Map.of("Last_Name", "Nordmann", "Account_Name", Map.of("id", acc)));
    JsonNode rec = coql("select Last_Name, Account_Name, Account_Name.Account_Name from Contacts where Account_Name = '" + acc + "'")
        .item(0);
    assertThat(rec.path("Account_Name").toString()).isEqualTo("{\"id\":\"" + acc + "\"}");
    assertThat(rec.path("Account_Name.Account_Name").asText()).isEqualTo("Fjord AS");
  }

  @Test
  void conditionsCombineWithAndOrLikeInAndIsNull() {
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS", "Billing_City", "Oslo")));
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjell AS")));
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Bris AS", "Billing_City", "Bergen")));
    assertThat(coql("select Account_Name from Accounts where Account_Name like 'fj%' and Billing_City is null")
        .json().path("data").findValuesAsText("Account_Name")).containsExactly("Fjell AS");
    assertThat(coql("select Account_Name from Accounts where (Billing_City in ('Oslo','Bergen')) or Account_Name = 'x'"
        + " order by Account_Name asc").json().path("data").findValuesAsText("Account_Name")).containsExactly("Bris AS", "Fjord AS");
  }

  @Test
  void limitAndOffsetPage() {
    fixtureAccounts(5, "A");
    ZohoHttp.Resp r = coql("select Account_Name from Accounts order by Account_Name asc limit 2 offset 2");
    assertThat(r.json().path("data").findValuesAsText("Account_Name")).containsExactly("A2", "A3");
    assertThat(r.json().path("info").path("more_records").asBoolean()).isTrue();
    assertThat(coql("select Account_Name from Accounts limit 1, 2").json().path("data").findValuesAsText("Account_Name"))
        .containsExactly("A1", "A2");
  }

  @Test
  void noMatchAnswers204() {
    assertThat(coql("select Account_Name from Accounts where Account_Name = 'nobody'").status()).isEqualTo(204);
  }

  @Test
  void limitOver200IsRefusedWithLimitExceeded() {
    ZohoHttp.Resp r = coql("select Account_Name from Accounts limit 201");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
  }

  @Test
  void offsetBeyond10000RecordsIsRefusedWithLimitExceeded() {
    ZohoHttp.Resp r = coql("select Account_Name from Accounts limit 200 offset 9900");
    assertThat(r.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
  }

  @Test
  void moreThan50SelectedFieldsIsRefusedWithLimitExceeded() {
    String fields = String.join(",", java.util.Collections.nCopies(51, "Account_Name"));
    assertThat(coql("select " + fields + " from Accounts").json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
  }

  @Test
  void syntaxErrorNamesWhere() {
    ZohoHttp.Resp r = coql("select Account_Name form Accounts");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("SYNTAX_ERROR");
    assertThat(r.json().path("details").path("near").asText()).isEqualTo("form");
    assertThat(r.json().path("details").path("column").asInt()).isEqualTo(21);
  }

  @Test
  void unknownColumnIsRefusedWithInvalidQuery() {
    ZohoHttp.Resp r = coql("select Acount_Name from Accounts");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_QUERY");
    assertThat(coql("select Last_Name from Leads").json().path("code").asText()).isEqualTo("INVALID_QUERY");
  }

  @Test
  void missingSelectQueryIsRefused() {
    assertThat(http.post("/crm/v8/coql", Map.of("query", List.of())).status()).isEqualTo(400);
  }
}
