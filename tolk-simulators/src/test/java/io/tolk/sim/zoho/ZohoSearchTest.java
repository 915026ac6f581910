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

  @Test
  void phoneParameterSearchesEveryPhoneFieldForTheExactNumber() {
    String acc = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS", "Phone", "+4722334455")))
        .item(0).path("details").path("id").asText();
    String mobile = contact(Map.of("Last_Name", "Nordmann", "Mobile", "+4791234567"));
    contact(Map.of("Last_Name", "Other", "Phone", "+4791234568"));
    ZohoHttp.Resp accounts = search("Accounts", "phone=" + ZohoHttp.enc("+4722334455"));
    assertThat(accounts.status()).isEqualTo(200);
    assertThat(topIds(accounts)).containsExactly(acc);
    ZohoHttp.Resp contacts = search("Contacts", "phone=" + ZohoHttp.enc(" +4791234567 ") + "&fields=Last_Name,Mobile");
    assertThat(topIds(contacts)).as("Mobile is a phone field too").containsExactly(mobile);
    assertThat(contacts.item(0).path("Mobile").asText()).isEqualTo("+4791234567");
    assertThat(search("Contacts", "phone=" + ZohoHttp.enc("+479123456")).status()).as("no partial match").isEqualTo(204);
    assertThat(search("Accounts", "phone=" + ZohoHttp.enc("+4791234567")).status()).as("per module").isEqualTo(204);
  }

  @Test
  void wordParameterFindsTheWordInAnyFieldIgnoringCase() {
    String fjord = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS", "Billing_City", "Oslo")))
        .item(0).path("details").path("id").asText();
    String oslo = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Bris AS", "Shipping_City", "OSLO")))
        .item(0).path("details").path("id").asText();
    account("Fjell AS");
    assertThat(topIds(search("Accounts", "word=fjord"))).containsExactly(fjord);
    assertThat(topIds(search("Accounts", "word=oslo"))).containsExactlyInAnyOrder(fjord, oslo);
    assertThat(topIds(search("Accounts", "word=" + ZohoHttp.enc("ris a"))))
        .as("a part of a value").containsExactly(oslo);
    assertThat(search("Accounts", "word=bergen").status()).isEqualTo(204);
  }

  /** The record ids of a response's data[] (not the nested user ids). */
  private static java.util.List<String> topIds(ZohoHttp.Resp r) {
    java.util.List<String> out = new java.util.ArrayList<>();
    r.json().path("data").forEach(n -> out.add(n.path("id").asText()));
    return out;
  }
}
