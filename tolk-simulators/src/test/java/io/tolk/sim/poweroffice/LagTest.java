package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lag fault: reads come from a replica that trails writes by the configured time. */
class LagTest extends PoTestBase {
  private final SimClock clock = new SimClock();

  @BeforeEach
  void startWithLag() {
    clock.set(Instant.parse("2025-01-10T09:00:00Z"));
    start(SimOptions.defaults().withNoLimits(true).withClock(clock).withFaults(Faults.parse("lag=1s")));
  }

  @Test
  void recordCreatedLessThanLagAgoIsNotYetVisible() {
    long id = po.createCompany("Fresh AS").get("Id").asLong();
    assertThat(po.get("/Customers/" + id).statusCode()).isEqualTo(404);
    assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    clock.advance(Duration.ofMillis(999));
    assertThat(po.get("/Customers/" + id).statusCode()).isEqualTo(404);
    clock.advance(Duration.ofMillis(1));
    assertThat(po.get("/Customers/" + id).statusCode()).isEqualTo(200);
    assertThat(PoClient.json(po.get("/Customers")).size()).isEqualTo(1);
  }

  @Test
  void readRightAfterAWriteSeesTheOldValues() {
    long id = po.createCompany("Old AS").get("Id").asLong();
    clock.advance(Duration.ofSeconds(5));
    JsonNode patched = PoClient.json(po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"New AS\"}]"));
    assertThat(patched.get("Name").asText()).as("the write answers from the primary").isEqualTo("New AS");
    assertThat(PoClient.json(po.get("/Customers/" + id)).get("Name").asText()).isEqualTo("Old AS");
    assertThat(PoClient.json(po.get("/Customers")).get(0).get("Name").asText()).isEqualTo("Old AS");
    clock.advance(Duration.ofSeconds(1));
    assertThat(PoClient.json(po.get("/Customers/" + id)).get("Name").asText()).isEqualTo("New AS");
  }

  @Test
  void deletedRecordStaysVisibleForTheLag() {
    long id = po.createCompany("Doomed AS").get("Id").asLong();
    clock.advance(Duration.ofSeconds(5));
    assertThat(po.delete("/Customers/" + id).statusCode()).isEqualTo(200);
    assertThat(po.get("/Customers/" + id).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(po.get("/Customers/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void severalVersionsWithinTheLagAreKept() {
    long id = po.createCompany("V1").get("Id").asLong();
    clock.advance(Duration.ofSeconds(2));
    po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"V2\"}]");
    clock.advance(Duration.ofMillis(500));
    po.patch("/Customers/" + id, "[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"V3\"}]");
    assertThat(PoClient.json(po.get("/Customers/" + id)).get("Name").asText()).isEqualTo("V1");
    clock.advance(Duration.ofMillis(500));
    assertThat(PoClient.json(po.get("/Customers/" + id)).get("Name").asText()).isEqualTo("V2");
    clock.advance(Duration.ofMillis(500));
    assertThat(PoClient.json(po.get("/Customers/" + id)).get("Name").asText()).isEqualTo("V3");
  }
}
