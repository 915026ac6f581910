package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.sim.RunningSimulator;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine commands against both simulators, with a SQLite store in a temporary directory. */
class SyncCommandsTest {

    private SimulatorPair sims;
    private RunningSimulator po;
    private RunningSimulator zoho;
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        sims = SimulatorPair.start(12, dir, "");
        po = sims.po;
        zoho = sims.zoho;
        cli = new Cli(dir);
    }

    @AfterEach
    void tearDown() {
        sims.close();
    }

    @Test
    void planWritesNothingThenSyncOnceMakesThePlannedWritesAndTheNextPlanIsEmpty() {
        Cli.Result plan = cli.run("plan");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Plan for connection 'default' (nothing has been written)", "create",
                "In all:");

        Cli.Result sync = cli.run("sync", "--once");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isIn(0, 1);
        assertThat(sync.out()).contains("Cycle for connection 'default' finished", "flow", "read", "created",
                "total", "API calls: poweroffice");
        assertThat(sync.exitCode() == 1).isEqualTo(sync.out().contains("Failed records ("));

        Cli.Result again = cli.run("sync", "--once");
        assertThat(again.out()).as(again.out()).containsPattern("total\\s+\\d+\\s+0\\s+0\\s+");

        Cli.Result status = cli.run("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("F1", "F2", "F3", "Last cycle: started");
    }

    @Test
    void planSummaryPrintsOnlyTheTotalsOfTheFullPlan() {
        Cli.Result full = cli.run("plan");
        Cli.Result summary = cli.run("plan", "--summary");

        assertThat(summary.exitCode()).as(summary.err()).isZero();
        String totals = full.out().lines().filter(l -> l.startsWith("In all:")).findFirst().orElseThrow();
        String counts = totals.substring(0, totals.indexOf("API calls"));
        assertThat(summary.out().lines().filter(l -> l.startsWith("In all:"))).singleElement()
                .satisfies(l -> assertThat(l).startsWith(counts));
        assertThat(summary.out()).doesNotContain("Plan for connection", " create ", " link ");
        assertThat(full.out()).contains(" create ");
        assertThat(summary.out().lines().count()).isLessThan(5);
    }

    @Test
    void statusAsJsonHasTheFlowsAndTheLastCycle() throws Exception {
        cli.run("sync", "--once");
        Cli.Result status = cli.run("status", "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.get("connection").asText()).isEqualTo("default");
        assertThat(json.get("flows")).hasSize(3);
        assertThat(json.get("flows").get(0).get("linked").asLong()).isPositive();
        assertThat(json.get("lastCycle").get("apiCalls").has("zoho")).isTrue();
    }

    @Test
    void inspectionCommandsWorkOnAFreshStore() {
        Cli.Result failures = cli.run("failures");
        assertThat(failures.out()).contains("No failed records.");
        assertThat(failures.exitCode()).as("no failures: exit 0").isZero();
        assertThat(cli.run("conflicts").out()).contains("No conflicts.");
        assertThat(cli.run("link").out()).contains("No records wait for review.");
        Cli.Result status = cli.run("status");
        assertThat(status.out()).contains("Last cycle: none yet");
        assertThat(cli.run("plan").exitCode()).isZero();
        assertThat(dir.resolve("tolk.db")).as("read-only commands create no store").doesNotExist();
    }

    @Test
    void decisionsOnUnknownRecordsAreUsageErrorsWithTheEnginesReason() {
        Cli.Result badRef = cli.run("unlink", "CompanyCustomer-12");
        assertThat(badRef.exitCode()).isEqualTo(2);
        assertThat(badRef.err()).contains("write system/type/id");

        Cli.Result unknown = cli.run("link", "poweroffice/CompanyCustomer/999999", "zoho/Accounts/1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("has not read poweroffice/CompanyCustomer/999999");

        Cli.Result retry = cli.run("retry", "42");
        assertThat(retry.exitCode()).isEqualTo(2);
        assertThat(retry.err()).contains("no failure with id 42");

        Cli.Result restore = cli.run("conflicts", "restore", "7");
        assertThat(cli.run("conflicts", "--restore", "7").err()).contains("no conflict with id 7");
        assertThat(restore.exitCode()).isEqualTo(2);
        assertThat(restore.err()).contains("no conflict with id 7");
    }

    @Test
    void aRecordThatCannotBeWrittenIsListedAndMakesTheExitCode1() throws Exception {
        String longName = "Fjellvind " + "x".repeat(300);
        HttpResponse<String> loaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(po.baseUrl() + "/__sim/fixtures"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"customers\":[{\"Name\":\"" + longName
                        + "\",\"IsPerson\":false}]}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);

        Cli.Result sync = cli.run("sync", "--once");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(1);
        assertThat(sync.out()).contains("Failed records (1):", "Account_Name");

        Cli.Result failures = cli.run("failures");
        assertThat(failures.exitCode()).as("failures listed: exit 1").isEqualTo(1);
        assertThat(failures.out()).contains("1 failed record(s):", "poweroffice/CompanyCustomer/", "Account_Name");

        Cli.Result retry = cli.run("retry");
        assertThat(retry.out()).contains("1 failed record(s) will be retried now.");
        assertThat(retry.exitCode()).isEqualTo(1);
        assertThat(cli.run("retry", "--later").exitCode()).isZero();
    }

    @Test
    void withoutOnceSyncRunsCycleAfterCycleUntilStopped() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), Files.readString(dir.resolve("tolk.yaml"))
                + "sync:\n  interval: 1s\n");
        try (Cli.Background sync = cli.start("sync")) {
            sync.awaitOut(s -> s.split("Cycle for connection").length > 2, Duration.ofSeconds(60));
            assertThat(sync.out()).contains("Next cycle in 1s (Ctrl-C to stop).");
            assertThat(sync.stop()).isZero();
        }
    }

    @Test
    void anUnreachablePowerOfficeIsExit3Too() throws Exception {
        po.close();
        Cli.Result sync = cli.run("sync", "--once");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(3);
        assertThat(sync.err()).contains("poweroffice", "tolk doctor");
    }

    @Test
    void anUnreachableSystemIsExit3() throws Exception {
        zoho.close();
        Cli.Result sync = cli.run("sync", "--once");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isEqualTo(3);
        assertThat(sync.err()).contains("zoho");
    }
}
