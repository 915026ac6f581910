package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options may come before or after a command's (and a subcommand's) arguments. The config lives in another folder than
 * the working directory, so a command that did not take {@code -c} would say there is no configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionOrderTest {

    @TempDir
    static Path dir;

    private SimulatorPair sims;
    private Cli cli;
    private String config;

    @BeforeAll
    void setUp() throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        sims = SimulatorPair.start(6, configDir, "");
        config = configDir.resolve("tolk.yaml").toString();
        cli = new Cli(Files.createDirectories(dir.resolve("elsewhere")));
    }

    @AfterAll
    void tearDown() {
        sims.close();
    }

    @Test
    void withoutTheConfigOptionThereIsNoConfigHere() {
        Cli.Result r = cli.run("conflicts", "restore", "49");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no configuration");
    }

    @Test
    void conflictsRestoreTakesTheConfigBeforeOrAfterTheSubcommandAndItsId() {
        for (String[] argv : new String[][] {
                {"conflicts", "restore", "49", "-c", config},
                {"conflicts", "restore", "-c", config, "49"},
                {"conflicts", "-c", config, "restore", "49"},
                {"conflicts", "restore", "49", "--connection", "default", "--config", config}}) {
            Cli.Result r = cli.run(argv);
            assertThat(r.exitCode()).as(String.join(" ", argv) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", argv)).contains("no conflict with id 49")
                    .doesNotContain("Unknown option", "no configuration");
        }
    }

    @Test
    void recordArgumentsMayComeBeforeOrAfterTheOptions() {
        String ref = "poweroffice/CompanyCustomer/999999";
        for (String[] argv : new String[][] {
                {"history", ref, "-c", config, "--limit", "3"},
                {"history", "--limit", "3", ref, "-c", config},
                {"unlink", ref, "-c", config},
                {"resync", ref, "--later", "-c", config}}) {
            Cli.Result r = cli.run(argv);
            assertThat(r.exitCode()).as(String.join(" ", argv) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", argv)).containsAnyOf("has not read " + ref, ref + " is not linked")
                    .doesNotContain("Unknown option", "no configuration");
        }
        Cli.Result retry = cli.run("retry", "42", "--later", "-c", config);
        assertThat(retry.err()).contains("no failure with id 42");
    }

    @Test
    void flagsAndTheConfigMayComeInAnyOrder() {
        Cli.Result before = cli.run("status", "-c", config, "--json");
        Cli.Result after = cli.run("status", "--json", "-c", config);
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(before.out()).contains("\"flows\"");

        Cli.Result plan = cli.run("plan", "--summary", "-c", config);
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("In all:");
    }
}
