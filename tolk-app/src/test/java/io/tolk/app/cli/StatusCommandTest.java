package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.sim.RunningSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tolk status} after a linked company stopped passing the F1 filter (it was archived in PowerOffice). */
class StatusCommandTest {

    private SimulatorPair sims;
    private RunningSimulator po;
    private RunningSimulator zoho;
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void aLinkedCompanyArchivedInPowerOffice() throws Exception {
        sims = SimulatorPair.start(0, dir, "flows:\n  F1:\n    filter: \"IsArchived == false\"\n");
        po = sims.po;
        zoho = sims.zoho;
        cli = new Cli(dir);
        long id = SimHttp.send(SimHttp.post(po.baseUrl() + "/__sim/fixtures", Map.of("customers", List.of(
                Map.of("Name", "Fjellvind AS", "IsPerson", false), Map.of("Name", "Havbris AS", "IsPerson", false)))))
                .get("customers").get(0).asLong();
        assertThat(cli.run("sync", "--once").exitCode()).isZero();
        SimHttp.send(SimHttp.post(po.baseUrl() + "/__sim/fixtures", Map.of("customers", List.of(
                Map.of("Id", id, "Name", "Fjellvind AS", "IsPerson", false, "IsArchived", true)))));
        Cli.Result sync = cli.run("sync", "--once");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
    }

    @AfterEach
    void stopSimulators() {
        sims.close();
    }

    @Test
    void statusCountsALinkedRecordOutsideItsFilterAsFilteredOutNotAsUnexplained() {
        Cli.Result status = cli.run("status");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("filtered out", "no longer pass their flow's filter");
        assertThat(status.out()).containsPattern("F1\\s+CompanyCustomer ⇄ Accounts\\s+2\\s+1\\s+1\\s+0\\s+0\\s+0");
    }

    @Test
    void statusAsJsonCarriesTheFilteredOutCount() throws Exception {
        Cli.Result status = cli.run("status", "--json");

        JsonNode f1 = new ObjectMapper().readTree(status.out()).get("flows").get(0);
        assertThat(f1.get("linked").asLong()).isEqualTo(2);
        assertThat(f1.get("inSync").asLong()).isEqualTo(1);
        assertThat(f1.get("filteredOut").asLong()).isEqualTo(1);
        assertThat(f1.get("failing").asLong()).isZero();
    }
}
