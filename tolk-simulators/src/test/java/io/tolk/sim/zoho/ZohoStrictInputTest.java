package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters and bodies that look present but say nothing are refused, not quietly taken as "everything"/"nothing". */
class ZohoStrictInputTest extends ZohoSimTestBase {

  private static void assertMissingParam(ZohoHttp.Resp r, String param) {
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
    assertThat(r.json().path("details").path("param_name").asText()).isEqualTo(param);
    assertThat(r.json().path("status").asText()).isEqualTo("error");
  }

  @Test
  void deleteWithIdsThatNameNoRecordIsRequiredParamMissing() {
    String id = account("Fjord AS");
    assertMissingParam(http.delete("/crm/v8/Accounts?ids=,,,"), "ids");
    assertMissingParam(http.delete("/crm/v8/Accounts?ids=" + ZohoHttp.enc(" , ")), "ids");
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isEqualTo(1);
    assertThat(http.delete("/crm/v8/Accounts?ids=," + id + ",").status()).as("empty items around an id are skipped")
        .isEqualTo(200);
  }

  @Test
  void fieldsThatNameNoFieldIsRequiredParamMissingOnListGetAndSearch() {
    String id = account("Fjord AS");
    assertMissingParam(http.get("/crm/v8/Accounts?fields=,,,"), "fields");
    assertMissingParam(http.get("/crm/v8/Accounts/" + id + "?fields=,,,"), "fields");
    assertMissingParam(http.get("/crm/v8/Accounts/search?word=fjord&fields=,"), "fields");
    assertThat(http.get("/crm/v8/Accounts?fields=,Account_Name,").item(0).path("Account_Name").asText())
        .isEqualTo("Fjord AS");
  }

  @Test
  void disablingWatchChannelIdsThatNameNothingIsRequiredParamMissing() {
    assertMissingParam(http.delete("/crm/v8/actions/watch?channel_ids=,,,"), "channel_ids");
  }

  @Test
  void insertCarryingAnIdIsRefusedNamingIdAndCreatesNothing() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS", "id", "4876876000000100999")));
    assertThat(r.status()).isEqualTo(400);
    JsonNode item = r.item(0);
    assertThat(item.path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(item.path("details").path("api_name").asText()).isEqualTo("id");
    assertThat(item.path("details").path("json_path").asText()).isEqualTo("$.data[0].id");
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isZero();
    ZohoHttp.Resp mixed = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A"),
        Map.of("Account_Name", "B", "id", "1")));
    assertThat(mixed.status()).isEqualTo(207);
    assertThat(mixed.item(1).path("details").path("json_path").asText()).isEqualTo("$.data[1].id");
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isEqualTo(1);
  }
}
