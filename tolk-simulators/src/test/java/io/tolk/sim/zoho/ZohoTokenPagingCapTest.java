package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Token paging reaches at most 100 000 records; the token past the cap is refused with PAGINATION_LIMIT_EXCEEDED.
 * One test walks the real 100 000 (500 pages); the other lowers the cap to 1 000 to check the cut of a last page
 * that straddles the cap.
 */
class ZohoTokenPagingCapTest extends ZohoSimTestBase {

  @Test
  void withoutLoweringTheCapTokenPagingStopsAfterExactly100000Records() {
    fixtureAccountsQuickly(100_050);
    int read = 0;
    String token = null;
    JsonNode info;
    do {
      ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=id&per_page=200" + (token == null ? "" : "&page_token=" + token));
      assertThat(r.status()).isEqualTo(200);
      read += r.json().path("data").size();
      info = r.json().path("info");
      token = info.path("next_page_token").asText(null);
    } while (read < 100_000 && token != null);
    assertThat(read).isEqualTo(100_000);
    assertThat(info.path("more_records").asBoolean()).as("50 more exist").isTrue();
    ZohoHttp.Resp refused = http.get("/crm/v8/Accounts?fields=id&per_page=200&page_token=" + token);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("code").asText()).isEqualTo("PAGINATION_LIMIT_EXCEEDED");
    assertThat(refused.json().path("details").path("limit").asInt()).isEqualTo(100_000);
  }

  /** n minimal Accounts through the fixtures endpoint, in one call. */
  private void fixtureAccountsQuickly(int n) {
    StringBuilder sb = new StringBuilder(n * 24).append("{\"Accounts\":[");
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ",").append("{\"Account_Name\":\"A").append(i).append("\"}");
    ZohoHttp.Resp r = http.admin("/fixtures", sb.append("]}").toString());
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void pageTokenBeyondTheCapIsRefusedWithPaginationLimitExceeded() {
    sim.setTokenPagingLimit(1000);
    fixtureAccounts(1100, "A");
    int read = 0;
    String token = null;
    JsonNode info;
    do {
      ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=id&per_page=150" + (token == null ? "" : "&page_token=" + token));
      assertThat(r.status()).isEqualTo(200);
      read += r.json().path("data").size();
      info = r.json().path("info");
      token = info.path("next_page_token").asText(null);
    } while (read < 1000);
    assertThat(read).as("the last page is cut at the cap").isEqualTo(1000);
    assertThat(info.path("more_records").asBoolean()).isTrue();
    ZohoHttp.Resp refused = http.get("/crm/v8/Accounts?fields=id&per_page=150&page_token=" + token);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("code").asText()).isEqualTo("PAGINATION_LIMIT_EXCEEDED");
  }
}
