package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.TolkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tolk init}, and what the other commands say when there is no config. */
class InitCommandTest {

    @TempDir
    Path dir;

    @Test
    void initWritesAStarterConfigThatLoadsAndPointsAtTheLocalSimulators() throws Exception {
        Cli.Result r = new Cli(dir).run("init");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Wrote a starter configuration to tolk.yaml", "tolk simulate poweroffice --port 9001",
                "tolk doctor");
        TolkConfig config = new ConfigLoader(Map.<String, String>of()::get).load(dir.resolve("tolk.yaml"));
        ConnectionConfig connection = config.connections().get(0);
        assertThat(connection.poweroffice().apiUrl()).hasToString("http://127.0.0.1:9001/v2");
        assertThat(connection.zoho().apiDomain()).hasToString("http://127.0.0.1:9002");
    }

    @Test
    void initRefusesToOverwriteAnExistingFileAndNamesIt() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "# mine\n");

        Cli.Result r = new Cli(dir).run("init");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("tolk.yaml already exists", "--force");
        assertThat(dir.resolve("tolk.yaml")).hasContent("# mine");
    }

    @Test
    void initWithForceOverwritesTheFileItIsGiven() throws Exception {
        Files.writeString(dir.resolve("other.yaml"), "# mine\n");

        Cli.Result r = new Cli(dir).run("init", "other.yaml", "--force");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("tolk doctor -c other.yaml");
        assertThat(Files.readString(dir.resolve("other.yaml"))).contains("apiUrl: http://127.0.0.1:9001/v2");
        assertThat(dir.resolve("tolk.yaml")).doesNotExist();
    }

    @Test
    void initDashPrintsTheStarterToStdoutAndWritesNoFile() throws Exception {
        Cli.Result r = new Cli(dir).run("init", "-");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("# tolk.yaml").contains("store: sqlite:./tolk.db", "refreshToken: demo-refresh");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Path captured = dir.resolve("captured.yaml");
        Files.writeString(captured, r.out());
        assertThat(new ConfigLoader(Map.<String, String>of()::get).load(captured).connections()).hasSize(1);
    }

    @Test
    void initIntoAMissingFolderNamesTheFolder() {
        Cli.Result r = new Cli(dir).run("init", "no-such-folder/tolk.yaml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-folder", "does not exist");
    }

    @Test
    void aCommandWithoutAConfigSaysThereIsNoneAndToRunInitWithoutPrintingAStarter() {
        Cli.Result r = new Cli(dir).run("sync", "--once");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no configuration", "tolk init").doesNotContain("poweroffice:", "apiUrl");
        assertThat(r.out()).isEmpty();
    }
}
