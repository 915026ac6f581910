package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --state FILE: saved on close, loaded at the next start; ids keep counting. */
class StateFileTest extends PoTestBase {

  @Test
  void stateIsSavedOnCloseAndLoadedAtStart(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("po.json");
    start(SimOptions.defaults().withNoLimits(true).withStateFile(state));
    JsonNode a = po.createCompany("Kept AS");
    po.admin("/fixtures", "{\"customers\":[{\"Name\":\"Used AS\",\"InUse\":true}]}");
    sim.close();
    assertThat(Files.exists(state)).isTrue();

    start(SimOptions.defaults().withNoLimits(true).withStateFile(state).withRecords(50));
    JsonNode again = PoClient.json(po.get("/Customers/" + a.get("Id").asLong()));
    assertThat(again.get("Name").asText()).isEqualTo("Kept AS");
    assertThat(again.get("LastChangedDateTimeOffset").asText()).isEqualTo(a.get("LastChangedDateTimeOffset").asText());
    assertThat(PoClient.json(po.get("/Customers")).size()).as("state wins over --records").isEqualTo(2);
    long used = PoClient.json(po.get("/Customers")).get(1).get("Id").asLong();
    assertThat(po.delete("/Customers/" + used).statusCode()).isEqualTo(409);
    JsonNode b = po.createCompany("New AS");
    assertThat(b.get("Id").asLong()).isGreaterThan(used);
    assertThat(b.get("Number").asLong()).isEqualTo(10002);
  }

  @Test
  void stateIsSavedInTheBackgroundAfterWritesWithoutClosing(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("po.json");
    start(SimOptions.defaults().withNoLimits(true).withStateFile(state));
    po.createCompany("Background AS");
    // the saver runs on its own one-second schedule (real time, not the simulator clock): poll for it
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (!(Files.exists(state) && Files.readString(state).contains("Background AS")) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(state)).contains("Background AS");
  }

  @Test
  void stateFileThatIsNotOursIsRefusedAtStart(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("other.json");
    Files.writeString(state, "{\"hello\":1}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> PowerOfficeSimulator.start(SimOptions.defaults().withStateFile(state)))
        .hasMessageContaining(state.toString());
  }
}
