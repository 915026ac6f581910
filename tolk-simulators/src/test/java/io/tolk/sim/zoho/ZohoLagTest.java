package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lag fault on Zoho: reads (get, list, search, COQL, deleted) trail writes by the lag; writes see the primary. */
class ZohoLagTest extends ZohoSimTestBase {
  private static final String LIST = "/crm/v8/Accounts?fields=Account_Name,Phone";

  @Override
  protected SimOptions options() {
    return SimOptions.defaults().withFaults(Faults.parse("lag=2s"));
  }

  @Test
  void recordInsertedLessThanTheLagAgoIsNotYetReadable() {
    String id = account("Fresh AS");
    assertThat(http.get("/crm/v8/Accounts/" + id).status()).isEqualTo(204);
    assertThat(http.get(LIST).status()).isEqualTo(204);
    assertThat(http.get("/crm/v8/Accounts/search?word=fresh").status()).isEqualTo(204);
    assertThat(http.post("/crm/v8/coql", Map.of("select_query", "select Account_Name from Accounts where Account_Name = 'Fresh AS'"))
        .status()).isEqualTo(204);
    clock.advance(Duration.ofMillis(1999));
    assertThat(http.get("/crm/v8/Accounts/" + id).status()).isEqualTo(204);
    clock.advance(Duration.ofMillis(1));
    assertThat(http.get("/crm/v8/Accounts/" + id).item(0).path("Account_Name").asText()).isEqualTo("Fresh AS");
    assertThat(http.get(LIST).json().path("data").size()).isEqualTo(1);
    assertThat(http.get("/crm/v8/Accounts/search?word=fresh").status()).isEqualTo(200);
  }

  @Test
  void readRightAfterAnUpdateSeesTheOldValuesWhileTheWriteSeesTheNew() {
    String id = account("Fjord AS");
    clock.advance(Duration.ofSeconds(5));
    ZohoHttp.Resp upd = http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "1")));
    assertThat(upd.status()).isEqualTo(200);
    assertThat(http.get("/crm/v8/Accounts/" + id).item(0).path("Phone").isNull()).isTrue();
    // writes are judged on the primary: the record was modified at 09:00:05, after the given time
    ZohoHttp.Resp dup = http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "2")),
        "If-Unmodified-Since", "2025-01-10T09:00:01+01:00");
    assertThat(dup.status()).as("If-Unmodified-Since is judged on the primary").isEqualTo(412);
    clock.advance(Duration.ofSeconds(2));
    assertThat(http.get("/crm/v8/Accounts/" + id).item(0).path("Phone").asText()).isEqualTo("1");
  }

  @Test
  void deletedRecordStaysReadableAndOutOfTheDeletedListForTheLag() {
    String id = account("Doomed AS");
    clock.advance(Duration.ofSeconds(5));
    assertThat(http.delete("/crm/v8/Accounts/" + id).status()).isEqualTo(200);
    assertThat(http.get("/crm/v8/Accounts/" + id).status()).isEqualTo(200);
    assertThat(http.get("/crm/v8/Accounts/deleted").status()).isEqualTo(204);
    clock.advance(Duration.ofSeconds(2));
    assertThat(http.get("/crm/v8/Accounts/" + id).status()).isEqualTo(204);
    assertThat(http.get("/crm/v8/Accounts/deleted").json().path("data").path(0).path("id").asText()).isEqualTo(id);
  }

  @Test
  void switchingTheLagOffServesThePrimaryAgain() {
    http.get(LIST);
    String id = account("Now AS");
    assertThat(http.get("/crm/v8/Accounts/" + id).status()).isEqualTo(204);
    sim.setFaults(Faults.NONE);
    assertThat(http.get("/crm/v8/Accounts/" + id).status()).isEqualTo(200);
    sim.setFaults(Faults.parse("lag=2s"));
    assertThat(http.get("/crm/v8/Accounts/" + id).status()).as("the new replica starts as a copy of the primary")
        .isEqualTo(200);
  }
}
