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

    @Test
    void statusIsOkWithTheLastSuccessWhileAllCyclesComplete() throws Exception {
        Cli.Result status = cli.run("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("Connection 'default': ok").containsPattern("Last success: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+ s ago\\)");
        JsonNode json = new ObjectMapper().readTree(cli.run("status", "--json").out());
        assertThat(json.path("health").path("state").asText()).isEqualTo("ok");
        assertThat(json.path("flows").get(0).path("health").asText()).isEqualTo("ok");
    }

    @Test
    void whileZohoAnswers503StatusSaysFailingWithTheErrorAndExitsOne() throws Exception {
        SimHttp.send(SimHttp.post(zoho.baseUrl() + "/__sim/faults", Map.of("spec", "error=1")));
        Cli.Result sync = cli.run("sync", "--once");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isNotZero();

        Cli.Result status = cli.run("status");

        assertThat(status.exitCode()).as(status.out()).isEqualTo(1);
        assertThat(status.out()).contains("Connection 'default': failing", "outcome failed", "Last error (");
        JsonNode json = new ObjectMapper().readTree(cli.run("status", "--json").out());
        assertThat(json.path("health").path("state").asText()).isEqualTo("failing");
        assertThat(json.path("health").path("lastError").asText()).isNotBlank();
        assertThat(json.path("health").path("lastSuccess").isNull()).isFalse();
    }
}
