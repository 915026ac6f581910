package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.sim.common.Faults;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Injected faults and routing errors come back in Zoho's error envelope. */
class ZohoFaultShapesTest extends ZohoSimTestBase {

  @Test
  void injectedThrottleAnswers429TooManyRequestsAndIsCounted() {
    http.token();
    sim.setFaults(Faults.parse("throttle=1,seed=1"));
    ZohoHttp.Resp r = http.get("/crm/v8/Accounts?fields=Account_Name");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(sim.counters().throttledCount()).isEqualTo(1);
  }

  @Test
  void injectedErrorAnswersInternalErrorWithoutStackTrace() {
    http.token();
    sim.setFaults(Faults.parse("error=1,seed=1"));
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A")));
    assertThat(r.status()).isIn(500, 503);
    assertThat(r.json().path("code").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(r.text()).doesNotContain("Exception");
  }

  @Test
  void tokenEndpointIsNotFaulted() {
    sim.setFaults(Faults.parse("throttle=1,seed=1"));
    assertThat(http.refresh("demo-client", "demo-secret", "demo-refresh").json().path("access_token").asText()).isNotEmpty();
  }

  @Test
  void unsupportedMethodOnAKnownPathAnswers405InvalidRequestMethod() {
    ZohoHttp.Resp r = http.call("PATCH", "/crm/v8/Accounts", data(Map.of("Account_Name", "A")));
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_REQUEST_METHOD");
  }

  @Test
  void countersCountRequestsAndRecordsWrittenPerOperation() {
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A"), Map.of("Account_Name", "B")));
    http.get("/crm/v8/Accounts?fields=Account_Name");
    assertThat(sim.counters().requests("Accounts.insert")).isEqualTo(1);
    assertThat(sim.counters().requests("Accounts.list")).isEqualTo(1);
    assertThat(sim.counters().recordsWritten()).isEqualTo(2);
  }
}
