package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.api.RecordRef;
import io.tolk.app.AppContext;
import io.tolk.app.Main;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.store.Snapshot;
import io.tolk.store.JdbcStore;
import io.tolk.store.StoreUrl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tolk prune} and {@code tolk backup} on a real SQLite store that real syncs against both simulators filled. */
class HousekeepingCommandsTest {

    @TempDir
    Path dir;

    private SimulatorPair sims;

    @AfterEach
    void stopSimulators() {
        if (sims != null) {
            sims.close();
        }
    }

    /** Runs tolk with its clock moved {@code ahead}. */
    private Cli.Result runLater(Duration ahead, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Clock later = Clock.offset(Clock.systemUTC(), ahead);
        int code = new Main(new AppContext(Map.<String, String>of()::get, dir, later)).run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private JdbcStore store(Path file) {
        return JdbcStore.openReadOnly(StoreUrl.parse("sqlite:" + file.toAbsolutePath(), dir, Map.of()), Clock.systemUTC());
    }

    private static RecordRef someSyncedRecord(ConnectionStore db) {
        List<Snapshot> customers = db.snapshots("poweroffice", "CompanyCustomer", null, 1);
        assertThat(customers).isNotEmpty();
        return customers.get(0).ref();
    }

    @Test
    void pruneRemovesOldRunsAndHistoryKeepsTheNewestRunAndItsDryRunCountsTheSame() throws Exception {
        sims = SimulatorPair.start(12, dir, "housekeeping:\n  keepRuns: 90d\n  keepActivity: 30d\n");
        Cli cli = new Cli(dir);
        assertThat(cli.run("sync", "--once").exitCode()).isIn(0, 1);
        assertThat(cli.run("sync", "--once").exitCode()).isIn(0, 1);
        RecordRef record;
        long historyLines;
        try (JdbcStore before = store(dir.resolve("tolk.db"))) {
            ConnectionStore db = before.connection("default");
            assertThat(db.runs(10)).hasSize(2);
            record = someSyncedRecord(db);
            assertThat(db.activity(record, 100)).isNotEmpty();
            historyLines = db.prunable(new io.tolk.engine.store.Retention(null, java.time.Instant.MAX, 0)).activity();
        }

        Cli.Result soon = runLater(Duration.ofDays(10), "prune", "--dry-run");
        assertThat(soon.exitCode()).as(soon.err()).isZero();
        assertThat(soon.out()).contains("keepRuns 90d, keepActivity 30d, keepVersions 200), dry run:",
                "connection 'default': would remove 0 run(s), 0 history line(s)");

        Cli.Result preview = runLater(Duration.ofDays(100), "prune", "--dry-run");
        assertThat(preview.out()).contains("connection 'default': would remove 1 run(s), " + historyLines
                + " history line(s), 0 restored conflict(s)");
        Cli.Result pruned = runLater(Duration.ofDays(100), "prune");
        assertThat(pruned.exitCode()).as(pruned.err()).isZero();
        assertThat(pruned.out()).contains("connection 'default': removed 1 run(s), " + historyLines + " history line(s)");

        try (JdbcStore after = store(dir.resolve("tolk.db"))) {
            ConnectionStore db = after.connection("default");
            assertThat(db.runs(10)).as("the newest run is kept").hasSize(1);
            assertThat(db.activity(record, 100)).isEmpty();
            assertThat(db.links(null, 1000)).as("links are never pruned").isNotEmpty();
        }
        Cli.Result status = cli.run("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("Connection 'default'");
    }

    @Test
    void pruneWithoutAStoreSaysThereIsNothingAndCreatesNone() throws Exception {
        sims = SimulatorPair.start(0, dir, "");

        Cli.Result r = new Cli(dir).run("prune");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Nothing to prune: the store").contains("does not exist yet");
        assertThat(dir.resolve("tolk.db")).doesNotExist();
    }

    @Test
    void aBackupTakenWhileASyncRunsOpensAsAStoreWithEveryRunThatHadFinished() throws Exception {
        sims = SimulatorPair.start(1500, dir, "sync:\n  interval: 1s\n");
        Cli cli = new Cli(dir);
        try (Cli.Background sync = cli.start("sync")) {
            for (int i = 1; i <= 3; i++) {
                Set<Long> finished = waitForRuns(2 + i);
                Path copy = dir.resolve("backup-" + i + ".db");

                Cli.Result backup = cli.run("backup", copy.getFileName().toString());

                assertThat(backup.exitCode()).as(backup.err()).isZero();
                assertThat(backup.out()).startsWith("Backed up sqlite:").contains("to backup-" + i + ".db (");
                assertThat(Files.getPosixFilePermissions(copy))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                try (JdbcStore restored = store(copy)) {
                    ConnectionStore db = restored.connection("default");
                    Set<Long> copied = db.runs(10_000).stream().map(RunRecord::id).collect(Collectors.toSet());
                    assertThat(copied).containsAll(finished);
                    assertThat(db.countSnapshots("poweroffice", List.of("CompanyCustomer"))).isPositive();
                }
            }
            assertThat(sync.isRunning()).as("the sync went on meanwhile").isTrue();
        }
    }

    /** Waits until the live store has at least {@code n} runs; returns their ids. */
    private Set<Long> waitForRuns(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(dir.resolve("tolk.db"))) {
                try (JdbcStore live = store(dir.resolve("tolk.db"))) {
                    List<RunRecord> runs = live.connection("default").runs(10_000);
                    if (runs.size() >= n) {
                        return runs.stream().map(RunRecord::id).collect(Collectors.toSet());
                    }
                } catch (RuntimeException notYet) {
                    // the store is being created and migrated
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sync did not finish " + n + " runs in time");
    }

    @Test
    void aBackupNeverOverwritesAnExistingFile() throws Exception {
        sims = SimulatorPair.start(5, dir, "");
        Cli cli = new Cli(dir);
        assertThat(cli.run("sync", "--once").exitCode()).isIn(0, 1);
        Files.writeString(dir.resolve("old.db"), "keep me");

        Cli.Result r = cli.run("backup", "old.db");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("old.db already exists; tolk backup never overwrites a file");
        assertThat(Files.readString(dir.resolve("old.db"))).isEqualTo("keep me");
    }

    @Test
    void aBackupOfAStoreThatDoesNotExistYetExitsTwoAndLeavesNoFile() throws Exception {
        sims = SimulatorPair.start(0, dir, "");

        Cli.Result r = new Cli(dir).run("backup", "copy.db");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist yet");
        assertThat(dir.resolve("copy.db")).doesNotExist();
        assertThat(dir.resolve("tolk.db")).doesNotExist();
    }

    @Test
    void aPostgresStoreIsBackedUpWithPgDumpNotByTolk() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: jdbc:postgresql://db.example.com/tolk\n"
                + "poweroffice: {applicationKey: a, clientKey: c, subscriptionKey: s}\n"
                + "zoho: {clientId: i, clientSecret: x, refreshToken: r}\n");

        Cli.Result r = new Cli(dir).run("backup", "copy.db");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is a PostgreSQL database; back it up with PostgreSQL's own tools, e.g. 'pg_dump");
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

}
