package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Token paging reaches at most 100 000 records; the token past the cap is refused with PAGINATION_LIMIT_EXCEEDED.
 * The cap is lowered to 1 000 here so the rule is proven in well under a second; ZohoSimulatorBenchmark walks the
 * real 100 000.
 */
class ZohoTokenPagingCapTest extends ZohoSimTestBase {

  @Test
  void defaultTokenPagingCapIs100000() {
    assertThat(RecordsApi.TOKEN_PAGING_LIMIT).isEqualTo(100_000);
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
