package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Shared faults on the PowerOffice API: errors in PowerOffice's shape, dropped writes that are applied. */
class PowerOfficeFaultsTest extends PoTestBase {

  @Test
  void droppedPostIsAppliedButTheClientGetsNoAnswer() {
    start();
    po.token();
    sim.server().setFaults(Faults.parse("drop=1"));
    assertThatThrownBy(() -> po.post("/Customers", "{\"Name\":\"Ghost AS\"}"))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    sim.server().setFaults(Faults.NONE);
    HttpResponse<String> r = po.get("/Customers?externalImportReference=&Fields=Name");
    assertThat(r.body()).contains("Ghost AS");
  }

  @Test
  void errorFaultAnswersProblemDetails5xx() {
    start(SimOptions.defaults().withNoLimits(true).withFaults(Faults.parse("error=1,seed=1")));
    HttpResponse<String> r = po.get("/Customers");
    assertThat(r.statusCode()).isIn(500, 503);
    assertThat(PoClient.json(r).has("title")).isTrue();
  }

  @Test
  void faultsDoNotApplyToTheTokenEndpoint() {
    start(SimOptions.defaults().withNoLimits(true).withFaults(Faults.parse("error=1")));
    assertThat(po.token()).isNotBlank();
  }

  @Test
  void oversizedBodyIsA400() {
    start();
    sim.server().setMaxBodyBytes(1000);
    HttpResponse<String> r = PoClient.send(po.api("/Customers").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + "x".repeat(2000) + "\"}")));
    assertThat(r.statusCode()).isEqualTo(400);
  }
}
