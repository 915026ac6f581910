package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandOfTheInterfaceAndTheExitCodes() {
        Cli.Result r = new Cli(dir).run("--help");
        assertThat(r.exitCode()).isZero();
        String help = r.out().replaceAll("\\s+", " ");   // the footer wraps where it likes
        assertThat(help).contains("demo", "init", "simulate", "sync", "plan", "status", "failures", "retry", "conflicts",
                "link", "unlink", "resync", "history", "docs", "doctor", "run", "Exit codes: 0 success; 1",
                "4 tolk could not go on: an internal error (a bug; please report it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "init", "simulate", "sync", "plan", "status", "failures", "retry", "conflicts", "link",
            "unlink", "resync", "history", "docs", "doctor", "run"})
    void everyCommandHasHelp(String command) {
        Cli.Result r = new Cli(dir).run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: tolk " + command);
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = new Cli(dir).run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("tolk demo").contains("Usage: tolk");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestion() {
        Cli.Result r = new Cli(dir).run("snyc");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("snyc").contains("sync");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result r = new Cli(dir).run("docs", "--fromat", "md");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--fromat");
    }

    @Test
    void syncWithoutAConfigSaysToRunInitOrDemoAndExits2() {
        Cli.Result r = new Cli(dir).run("sync", "--once");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no ./tolk.yaml", "tolk init", "tolk demo");
    }

    @Test
    void aMissingConfigGivenWithDashCIsNamed() {
        Cli.Result r = new Cli(dir).run("sync", "-c", "nowhere.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nowhere.yaml does not exist");
    }

    @Test
    void aConfigMistakeIsExit2WithKeyPathAndLine() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "sync:\n  interval: 5x\n");
        Cli.Result r = new Cli(dir).run("sync", "--once");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("sync.interval (line 2): '5x' is not a duration");
    }

    @Test
    void verboseIsAcceptedBeforeAndAfterTheCommand() {
        assertThat(new Cli(dir).run("-v", "docs").exitCode()).isZero();
        assertThat(new Cli(dir).run("docs", "-v").exitCode()).isZero();
    }
}
