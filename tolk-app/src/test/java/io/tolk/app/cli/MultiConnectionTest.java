package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.sim.common.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiConnectionTest {

    private final List<RunningSimulator> sims = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sims.forEach(RunningSimulator::close);
    }

    private String connection(String name) {
        RunningSimulator po = SimulatorKind.POWEROFFICE.start(SimOptions.defaults().withRecords(6).withNoLimits(true));
        RunningSimulator zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(6).withNoLimits(true));
        sims.add(po);
        sims.add(zoho);
        StringBuilder b = new StringBuilder("  - name: " + name + "\n");
        for (String line : SimulatorKind.POWEROFFICE.configLines(po.baseUrl())) {
            b.append("    ").append(line).append('\n');
        }
        for (String line : SimulatorKind.ZOHO.configLines(zoho.baseUrl())) {
            b.append("    ").append(line).append('\n');
        }
        return b.toString();
    }

    @Test
    void syncAndStatusCoverEveryConnectionWhileOtherCommandsAskWhichOne() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\nconnections:\n"
                + connection("fjellvind") + connection("nordlys"));
        Cli cli = new Cli(dir);

        Cli.Result sync = cli.run("sync", "--once");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isIn(0, 1);
        assertThat(sync.out()).contains("Cycle for connection 'fjellvind'", "Cycle for connection 'nordlys'");

        JsonNode status = new ObjectMapper().readTree(cli.run("status", "--json").out());
        assertThat(status.isArray()).isTrue();
        assertThat(status).extracting(n -> n.get("connection").asText()).containsExactly("fjellvind", "nordlys");

        Cli.Result one = cli.run("status", "--connection", "nordlys");
        assertThat(one.out()).contains("Connection 'nordlys'").doesNotContain("fjellvind");

        Cli.Result ambiguous = cli.run("failures");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("choose one with --connection (fjellvind, nordlys)");

        Cli.Result unknown = cli.run("failures", "--connection", "sørlys");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no connection named 'sørlys'");
    }
}
