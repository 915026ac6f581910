package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.sim.common.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connections: ./connections}: one file per connection, added, changed and removed while tolk runs. */
class ConnectionsFolderTest {

    private final List<RunningSimulator> sims = new ArrayList<>();

    @TempDir
    Path dir;

    private Path folder;

    @BeforeEach
    void folder() throws Exception {
        folder = Files.createDirectories(dir.resolve("connections"));
    }

    @AfterEach
    void stop() {
        sims.forEach(RunningSimulator::close);
    }

    /** A connection's file, with a simulator pair of its own; {@code extra} is appended. */
    private void connectionFile(String name, String extra) throws Exception {
        RunningSimulator po = SimulatorKind.POWEROFFICE.start(SimOptions.defaults().withRecords(4).withNoLimits(true));
        RunningSimulator zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(4).withNoLimits(true));
        sims.add(po);
        sims.add(zoho);
        Files.writeString(folder.resolve(name + ".yaml"), String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl()))
                + "\n" + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl())) + "\n" + extra);
    }

    private void brokenFile() throws Exception {
        Files.writeString(folder.resolve("broken.yaml"), "poweroffice:\n  aplicationKey: x\n");
    }

    @Test
    void everyFileIsAConnectionAndABrokenOneIsNamedWithItsKeyAndLineWhileTheOthersGoOn() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\nconnections: ./connections\n");
        connectionFile("fjellvind", "");
        connectionFile("nordlys", "");
        brokenFile();
        Cli cli = new Cli(dir);

        Cli.Result all = cli.run("sync", "--once");
        assertThat(all.exitCode()).isEqualTo(2);
        assertThat(all.err()).contains("broken.yaml", "poweroffice.aplicationKey", "line 2");

        Cli.Result one = cli.run("sync", "--once", "--connection", "nordlys");
        assertThat(one.exitCode()).as(one.err()).isIn(0, 1);
        assertThat(one.out()).contains("Cycle for connection 'nordlys'");

        Cli.Result status = cli.run("status");
        assertThat(status.exitCode()).as("a broken connection counts as failing").isEqualTo(1);
        assertThat(status.out()).contains("Connection 'fjellvind'", "Connection 'nordlys'",
                "connection 'broken': not served, its file does not check", "poweroffice.aplicationKey");
    }

    @Test
    void aFileWhoseNameDiffersFromItsNameKeyIsRefused() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\nconnections: ./connections\n");
        connectionFile("fjellvind", "name: nordlys\n");

        Cli.Result r = new Cli(dir).run("sync", "--once");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("fjellvind.yaml", "'nordlys' differs from the file's name");
    }

    @Test
    void aMissingFolderIsAConfigMistake() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\nconnections: ./customers\n");

        Cli.Result r = new Cli(dir).run("status");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("tolk.yaml", "connections (line 2)", "customers does not exist");
    }

    @Test
    void runServesFilesAddedChangedAndRemovedWhileItRunsAndLeavesABrokenOneOut() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\nconnections: ./connections\n"
                + "sync:\n  interval: 1s\nserver:\n  port: 0\n  connectionsPoll: 200ms\n");
        connectionFile("fjellvind", "");
        try (Cli.Background run = new Cli(Map.of(), dir).start("run")) {
            run.awaitOut(s -> s.contains("fjellvind: cycle 1"), Duration.ofSeconds(60));

            connectionFile("nordlys", "");
            run.awaitOut(s -> s.contains("connection 'nordlys' added") && s.contains("nordlys: cycle 1"),
                    Duration.ofSeconds(60));
            brokenFile();
            run.awaitOut(s -> s.contains("connection 'broken' left out") && s.contains("aplicationKey"),
                    Duration.ofSeconds(30));
            connectionFile("nordlys", "sync:\n  interval: 2s\n");
            run.awaitOut(s -> s.contains("connection 'nordlys' served again with its changed file"), Duration.ofSeconds(30));
            Files.delete(folder.resolve("fjellvind.yaml"));
            String before = run.awaitOut(s -> s.contains("connection 'fjellvind' no longer served"), Duration.ofSeconds(30));
            int nordlysCycles = count(before, "nordlys: cycle");
            String after = run.awaitOut(s -> count(s, "nordlys: cycle") >= nordlysCycles + 2, Duration.ofSeconds(30));

            assertThat(count(after, "fjellvind: cycle")).as("no cycle of a removed connection after its removal")
                    .isEqualTo(count(before, "fjellvind: cycle"));
            assertThat(run.stop()).isZero();
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
