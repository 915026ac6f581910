package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /__sim/writes}: one entry per record of a batch that Zoho applied, in the order applied. */
class ZohoWriteLogTest extends ZohoSimTestBase {

  @Override
  protected SimOptions options() {
    return SimOptions.defaults().withNoLimits(true).withRecords(20);
  }

  private JsonNode writes() {
    return http.raw("GET", "/__sim/writes", null).json();
  }

  private List<String> entries() {
    List<String> out = new ArrayList<>();
    writes().path("writes").forEach(w -> out.add(w.path("type").asText() + " " + w.path("id").asText() + " "
        + w.path("op").asText()));
    return out;
  }

  private static String id(ZohoHttp.Resp r, int item) {
    return r.item(item).path("details").path("id").asText();
  }

  @Test
  void eachAppliedRecordOfABatchIsLoggedInRequestOrderAndRefusedOnesAreNot() {
    fixtureAccounts(2, "Fixture ");
    ZohoHttp.Resp insert = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A"), Map.of("Phone", "1"),
        Map.of("Account_Name", "B")));
    String a = id(insert, 0);
    String b = id(insert, 2);
    ZohoHttp.Resp upsert = http.post("/crm/v8/Accounts/upsert", data(Map.of("Account_Name", "C"),
        Map.of("Account_Name", "A", "Phone", "22334455")));
    String c = id(upsert, 0);
    String contact = contact(Map.of("Last_Name", "Nord"));
    http.put("/crm/v8/Accounts", data(Map.of("id", b, "Phone", "99887766")));
    http.delete("/crm/v8/Accounts?ids=" + c + "," + a);

    assertThat(entries()).containsExactly(
        "Accounts " + a + " create",
        "Accounts " + b + " create",
        "Accounts " + c + " create",
        "Accounts " + a + " update",
        "Contacts " + contact + " create",
        "Accounts " + b + " update",
        "Accounts " + c + " delete",
        "Accounts " + a + " delete");
    assertThat(writes().path("writes").get(0).path("at").asText()).isEqualTo(T0.toString());
  }

  @Test
  void writesResetAndTheSimulatorsResetEmptyTheLog() {
    account("Først");
    assertThat(http.admin("/writes/reset", null).status()).isEqualTo(200);
    assertThat(entries()).isEmpty();

    String second = account("Så");
    assertThat(entries()).containsExactly("Accounts " + second + " create");
    http.admin("/reset", null);
    assertThat(entries()).isEmpty();
    assertThat(writes().path("dropped").asLong()).isZero();
  }
}
