package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.sim.common.SimOptions;
import org.junit.jupiter.api.Test;

/** With noLimits neither credits nor concurrency answer 429; switched on at run time, the credits count again. */
class ZohoNoLimitsTest extends ZohoSimTestBase {
  @Override
  protected SimOptions options() {
    return SimOptions.defaults().withNoLimits(true);
  }

  @Override
  protected ZohoSettings settings() {
    return ZohoSettings.defaults().withCreditsPerDay(2);
  }

  @Test
  void noLimitsSwitchesCreditsOff() {
    for (int i = 0; i < 10; i++) {
      ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name");
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.header("X-API-CREDITS-REMAINING")).isNull();
    }
  }

  @Test
  void limitsSwitchedOnAtRunTimeRefuseOnceTheCreditsAreSpent() {
    sim.setLimitsEnforced(true);
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(429);
    sim.setLimitsEnforced(false);
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
  }
}
