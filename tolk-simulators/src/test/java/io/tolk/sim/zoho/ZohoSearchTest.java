package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search: criteria and email, 204 on no hits, the per-page and criteria limits. */
class ZohoSearchTest extends ZohoSimTestBase {

  private ZohoHttp.Resp search(String module, String query) {
    return http.get("/crm/v8/" + module + "/search?" + query);
  }

  @Test
  void criteriaEqualsFindsRecordsIgnoringCase() {
    String id = account("Fjord AS");
    account("Other");
    ZohoHttp.Resp r = search("Accounts", "criteria=" + ZohoHttp.enc("((Account_Name:equals:fjord as))"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("data")).hasSize(1);
    assertThat(r.item(0).path("id").asText()).isEqualTo(id);
    assertThat(r.json().path("info").path("more_records").asBoolean()).isFalse();
  }

  @Test
  void criteriaWithAndOrAndStartsWith() {
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS", "Billing_City", "Oslo")));
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjell AS", "Billing_City", "Bergen")));
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Bris AS", "Billing_City", "Oslo")));
    ZohoHttp.Resp and = search("Accounts", "criteria=" + ZohoHttp.enc("((Account_Name:starts_with:Fj)and(Billing_City:equals:Oslo))"));
    assertThat(and.json().path("data")).hasSize(1);
    ZohoHttp.Resp or = search("Accounts", "criteria=" + ZohoHttp.enc("((Account_Name:equals:Bris AS)or(Billing_City:equals:Bergen))"));
    assertThat(or.json().path("data")).hasSize(2);
  }

  @Test
  void escapedParenthesesInValuesAreMatched() {
    String id = account("Fjord (Oslo) AS");
    ZohoHttp.Resp r = search("Accounts", "criteria=" + ZohoHttp.enc("(Account_Name:equals:Fjord \\(Oslo\\) AS)"));
    assertThat(r.item(0).path("id").asText()).isEqualTo(id);
  }

  @Test
  void emailParameterSearchesEmailFields() {
    String id = contact(Map.of("Last_Name", "N", "Secondary_Email", "kari@fjord.no"));
    ZohoHttp.Resp r = search("Contacts", "email=kari@fjord.no");
    assertThat(r.item(0).path("id").asText()).isEqualTo(id);
  }

  @Test
  void searchWithNoHitsAnswers204() {
    account("Fjord AS");
    ZohoHttp.Resp r = search("Accounts", "criteria=" + ZohoHttp.enc("((Account_Name:equals:Nobody))"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.text()).isEmpty();
  }

  @Test
  void searchWithoutCriteriaIsRefusedWithRequiredParamMissing() {
    assertThat(search("Accounts", "page=1").json().path("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
  }

  @Test
  void malformedCriteriaIsRefusedWithInvalidQuery() {
    ZohoHttp.Resp r = search("Accounts", "criteria=" + ZohoHttp.enc("(Account_Name=Fjord)"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_QUERY");
  }

  @Test
  void moreThanTenCriteriaAreRefusedWithLimitExceeded() {
    StringBuilder c = new StringBuilder("(");
    for (int i = 0; i < 11; i++) c.append(i == 0 ? "" : "or").append("(Account_Name:equals:A").append(i).append(")");
    c.append(")");
    ZohoHttp.Resp r = search("Accounts", "criteria=" + ZohoHttp.enc(c.toString()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
  }

  @Test
  void searchPerPageOver200IsRefused() {
    assertThat(search("Accounts", "email=a@b.no&per_page=201").status()).isEqualTo(400);
  }

  @Test
  void searchPagesAtMost200PerPage() {
    fixtureAccounts(250, "Same");
    ZohoHttp.Resp r = search("Accounts", "criteria=" + ZohoHttp.enc("(Account_Name:starts_with:Same)"));
    assertThat(r.json().path("data")).hasSize(200);
    assertThat(r.json().path("info").path("more_records").asBoolean()).isTrue();
    assertThat(search("Accounts", "page=2&criteria=" + ZohoHttp.enc("(Account_Name:starts_with:Same)")).json().path("data")).hasSize(50);
  }
}
