package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimOptions;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;

/** Starts a simulator per test (limits off unless a test asks otherwise). */
abstract class PoTestBase {
  PowerOfficeSimulator sim;
  PoClient po;

  PoClient start(SimOptions options) {
    sim = PowerOfficeSimulator.start(options);
    po = new PoClient(sim);
    return po;
  }

  PoClient start() {
    return start(SimOptions.defaults().withNoLimits(true));
  }

  @AfterEach
  void stopSimulator() {
    if (sim != null) {
      sim.close();
    }
  }

  /** Asserts a ProblemDetails 400/404/409 with lowercase keys and returns it. */
  static JsonNode problem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("json");
    JsonNode p = PoClient.json(r);
    assertThat(p.has("title")).as("lowercase title in %s", r.body()).isTrue();
    assertThat(p.has("detail")).as("lowercase detail in %s", r.body()).isTrue();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.has("type")).isTrue();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    return p;
  }
}
