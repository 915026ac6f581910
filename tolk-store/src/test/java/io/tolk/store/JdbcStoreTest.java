package io.tolk.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.WriteIntent;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the JDBC store adds to the contract: durability across restarts, several processes on one file, errors. */
class JdbcStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00.123456789Z");
    private static final RecordRef PO = new RecordRef("poweroffice", "CompanyCustomer", "42");
    private static final RecordRef ZO = new RecordRef("zoho", "Accounts", "9001");
    private static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private JdbcStore open() {
        return JdbcStore.open(StoreUrl.parse("sqlite:tolk.db", dir, Map.of()), clock);
    }

    private static Map<String, String> values(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everythingStoredSurvivesCloseAndReopen() {
        Snapshot snapshot = new Snapshot(PO, "h1", values("Name", "Fjellvind AS", "WebsiteUrl", null), T0,
                Map.of("MailAddress.City", T0.minusSeconds(3)), true);
        Entity entity = new Entity("e1", "organization", "F1", values("organization.name", "Fjellvind AS", "organization.phone", null),
                Map.of(), T0, T0.plusSeconds(1));
        Link link = new Link(ZO, "e1", LinkState.DELETED_IN_SOURCE, values("Account_Name", "Fjellvind AS", "Phone", null),
                values("Account_Name", "Fjellvind AS"), T0, io.tolk.engine.store.EchoExpectation.WITHIN_WINDOW, T0);
        WriteIntent intent = new WriteIntent("tolk-7f3a", PO, "zoho", "Accounts", "e1", values("Account_Name", "Fjellvind AS"),
                T0, IntentState.PENDING, null);
        Failure failure;
        Conflict conflict;
        ReviewItem review;
        RunRecord run;
        try (JdbcStore store = open()) {
            ConnectionStore db = store.connection("acme");
            db.putSnapshot(snapshot);
            db.putEntity(entity);
            db.putLink(link);
            db.putIntent(intent);
            db.putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("2026-03-02T08:00:00Z|42"));
            failure = db.putFailure(new Failure(0, PO, "zoho", "Account_Name is 300 characters; Zoho accepts at most 100", 3,
                    T0, T0.plusSeconds(60), T0.plusSeconds(600), "h1"));
            conflict = db.putConflict(new Conflict(0, "e1", "F1", "organization.name", "zoho", "B", "poweroffice", "A", "newer", T0, false));
            review = db.putReview(new ReviewItem(0, ZO, "F1", List.of(PO, new RecordRef("poweroffice", "Department", "7")), "2 matches", T0, io.tolk.engine.store.ReviewOrigin.MATCHING));
            db.appendActivity(new Activity(PO, T0, io.tolk.engine.store.ActivityKind.ofCode("created"), "zoho/Accounts/9001"));
            run = db.addRun(new RunRecord(0, T0, T0.plusSeconds(3), Map.of("F1.created", 1L), Map.of("zoho", 5L), io.tolk.engine.store.RunOutcome.OK, null));
            db.putMappingFingerprint("fp-1");
        }

        try (JdbcStore store = open()) {
            ConnectionStore db = store.connection("acme");
            assertThat(db.snapshot(PO)).contains(snapshot);
            assertThat(db.entity("e1")).contains(entity);
            assertThat(db.link(ZO)).contains(link);
            assertThat(db.intent("tolk-7f3a")).contains(intent);
            assertThat(db.checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("2026-03-02T08:00:00Z|42");
            assertThat(db.failures()).containsExactly(failure);
            assertThat(db.conflicts(10)).containsExactly(conflict);
            assertThat(db.reviews()).containsExactly(review);
            assertThat(db.activity(PO, 10)).containsExactly(new Activity(PO, T0, io.tolk.engine.store.ActivityKind.ofCode("created"), "zoho/Accounts/9001"));
            assertThat(db.runs(10)).containsExactly(run);
            assertThat(db.mappingFingerprint()).contains("fp-1");
            assertThat(store.connections()).containsExactly("acme");

            RunRecord next = db.addRun(new RunRecord(0, T0, T0, Map.of(), Map.of(), io.tolk.engine.store.RunOutcome.OK, null));
            assertThat(next.id()).as("ids are not reused after a restart").isGreaterThan(run.id());
        }
    }

    @Test
    void idsGivenByTheCallerAreKeptAndNeverHandedOutAgain() {
        try (JdbcStore store = open()) {
            ConnectionStore db = store.connection("acme");
            Failure f = db.putFailure(new Failure(40, PO, "zoho", "x", 1, T0, T0, T0, "h"));
            Conflict k = db.putConflict(new Conflict(41, "e1", "F1", "organization.name", "zoho", "B", "poweroffice", "A", "tie", T0, false));
            ReviewItem r = db.putReview(new ReviewItem(42, ZO, "F1", List.of(PO), "2 matches", T0, io.tolk.engine.store.ReviewOrigin.MATCHING));
            assertThat(List.of(f.id(), k.id(), r.id())).containsExactly(40L, 41L, 42L);

            Failure fresh = db.putFailure(new Failure(0, ZO, "poweroffice", "y", 1, T0, T0, T0, "h"));
            RunRecord run = db.addRun(new RunRecord(0, T0, T0, Map.of(), Map.of(), io.tolk.engine.store.RunOutcome.OK, null));
            assertThat(fresh.id()).isGreaterThan(42L);
            assertThat(run.id()).isGreaterThan(fresh.id());
            assertThat(db.review(ZO).orElseThrow().id()).isEqualTo(42L);
        }
    }

    @Test
    void instantsKeepNanosecondsAndOrderActivityAcrossSecondsCorrectly() {
        try (JdbcStore store = open()) {
            ConnectionStore db = store.connection("acme");
            Instant early = Instant.parse("2026-03-02T08:00:09.900Z");
            Instant late = Instant.parse("2026-03-02T08:00:10Z"); // ISO text would sort this first
            db.appendActivity(new Activity(PO, late, io.tolk.engine.store.ActivityKind.ofCode("updated"), "b"));
            db.appendActivity(new Activity(PO, early, io.tolk.engine.store.ActivityKind.ofCode("linked"), "a"));

            assertThat(db.activity(PO, 10)).extracting(Activity::at).containsExactly(late, early);
        }
    }

    @Test
    void aSecondStoreOnTheSameFileCannotTakeTheLockUntilReleasedOrExpired() {
        try (JdbcStore runService = open(); JdbcStore cliSync = open()) {
            assertThat(runService.tryLock("acme", "tolk-run@host:1", TTL)).isTrue();
            assertThat(cliSync.tryLock("acme", "tolk-sync@host:2", TTL)).isFalse();

            cliSync.release("acme", "tolk-sync@host:2");
            assertThat(cliSync.tryLock("acme", "tolk-sync@host:2", TTL)).as("a stranger's release changes nothing").isFalse();

            runService.release("acme", "tolk-run@host:1");
            assertThat(cliSync.tryLock("acme", "tolk-sync@host:2", TTL)).isTrue();
            assertThat(runService.tryLock("acme", "tolk-run@host:1", TTL)).isFalse();

            clock.advance(TTL);
            assertThat(runService.tryLock("acme", "tolk-run@host:1", TTL)).as("expired at ttl").isTrue();
        }
    }

    @Test
    void theLockOutlivesARestartOfItsHolder() {
        try (JdbcStore store = open()) {
            assertThat(store.tryLock("acme", "p1", TTL)).isTrue();
        }
        try (JdbcStore store = open()) {
            assertThat(store.tryLock("acme", "p2", TTL)).isFalse();
            clock.advance(TTL.plusSeconds(1));
            assertThat(store.tryLock("acme", "p2", TTL)).isTrue();
        }
    }

    @Test
    void readersInAnotherStoreDoNotWaitForAnOpenWriteAndSeeOnlyCommittedData() throws Exception {
        try (JdbcStore writer = open(); JdbcStore reader = open()) {
            writer.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("committed"));
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> tx = pool.submit(() -> writer.connection("acme").update(t -> {
                    t.putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("uncommitted"));
                    inside.countDown();
                    await(finish);
                }));
                assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

                Checkpoint seen = CompletableFuture.supplyAsync(() -> reader.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")))
                        .get(5, TimeUnit.SECONDS);
                assertThat(seen.value()).isEqualTo("committed");

                finish.countDown();
                tx.get(10, TimeUnit.SECONDS);
                assertThat(reader.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("uncommitted");
            } finally {
                finish.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void inOneStoreAReaderThreadDoesNotWaitForAnotherThreadsOpenTransaction() throws Exception {
        try (JdbcStore store = open()) {
            store.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("committed"));
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> tx = pool.submit(() -> store.connection("acme").update(t -> {
                    t.putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("uncommitted"));
                    assertThat(t.checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).as("own changes visible").isEqualTo("uncommitted");
                    inside.countDown();
                    await(finish);
                }));
                assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

                Checkpoint seen = CompletableFuture.supplyAsync(() -> store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")))
                        .get(5, TimeUnit.SECONDS);
                assertThat(seen.value()).isEqualTo("committed");

                finish.countDown();
                tx.get(10, TimeUnit.SECONDS);
                assertThat(store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("uncommitted");
            } finally {
                finish.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aReadOnlyCommandOpensAndReadsWhileAnotherProcessIsMidTransactionAndHoldsTheLock() throws Exception {
        try (JdbcStore service = open()) {
            service.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("c1"));
            assertThat(service.tryLock("acme", "tolk-run", TTL)).isTrue();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> tx = pool.submit(() -> service.connection("acme").update(t -> {
                    t.putMappingFingerprint("mid-cycle");
                    inside.countDown();
                    await(finish);
                }));
                assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

                String seen = CompletableFuture.supplyAsync(() -> {
                    try (JdbcStore status = open()) { // migrations are up to date: opening writes nothing
                        return status.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value();
                    }
                }).get(10, TimeUnit.SECONDS);
                assertThat(seen).isEqualTo("c1");

                finish.countDown();
                tx.get(10, TimeUnit.SECONDS);
            } finally {
                finish.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aWriterInAnotherStoreWaitsForTheOpenTransactionInsteadOfFailing() throws Exception {
        try (JdbcStore one = open(); JdbcStore two = open()) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> tx = pool.submit(() -> one.connection("acme").update(t -> {
                    t.putMappingFingerprint("one");
                    inside.countDown();
                    await(finish);
                }));
                assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
                Future<?> second = pool.submit(() -> two.connection("acme").putMappingFingerprint("two"));
                finish.countDown();

                tx.get(20, TimeUnit.SECONDS);
                second.get(20, TimeUnit.SECONDS);
                assertThat(one.connection("acme").mappingFingerprint()).contains("two");
            } finally {
                finish.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void manyThreadsOnOneStoreLoseNothing() throws Exception {
        try (JdbcStore store = open()) {
            ConnectionStore db = store.connection("acme");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            RecordRef ref = new RecordRef("poweroffice", "CompanyCustomer", thread + "-" + i);
                            db.putFailure(new Failure(0, ref, "zoho", "x", 1, T0, T0, T0, "h"));
                            db.appendActivity(new Activity(ref, T0, io.tolk.engine.store.ActivityKind.ofCode("failed"), "x"));
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(db.failures()).hasSize(200);
            assertThat(db.failures()).extracting(Failure::id).doesNotHaveDuplicates();
        }
    }

    @Test
    void connectionsListsOnlyThoseThatStoredSomethingInNameOrder() {
        try (JdbcStore store = open()) {
            store.connection("zeta").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("1"));
            store.connection("alpha").putMappingFingerprint("fp");
            store.connection("just-looked-at").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"));

            assertThat(store.connections()).containsExactly("alpha", "zeta");
        }
    }

    @Test
    void aConnectionRegisteredOnlyInsideARolledBackTransactionIsNotListed() {
        try (JdbcStore store = open()) {
            ConnectionStore db = store.connection("ghost");
            assertThatThrownBy(() -> db.update(t -> {
                t.putMappingFingerprint("x");
                throw new IllegalStateException("crash");
            })).hasMessage("crash");

            assertThat(store.connections()).isEmpty();
            db.putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("1"));
            assertThat(store.connections()).containsExactly("ghost");

            store.connection("via-transaction").update(t -> t.update(inner -> inner.putMappingFingerprint("fp")));
            assertThat(store.connections()).containsExactly("ghost", "via-transaction");
        }
    }

    @Test
    void aStoreUrlTypoIsRefusedNamingTheKeyAndTheAcceptedForms() {
        assertThatThrownBy(() -> JdbcStore.open("sqllite:./tolk.db"))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageStartingWith("store: 'sqllite:./tolk.db'")
                .hasMessageContaining("sqlite:PATH")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void anInMemoryStoreWorksForOneProcess() {
        try (JdbcStore store = JdbcStore.open(StoreUrl.parse("sqlite::memory:", dir, Map.of()), clock)) {
            store.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("1"));
            assertThat(store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("1");
            assertThat(store.url().display()).isEqualTo("sqlite::memory:");
        }
    }

    @Test
    void aFileThatIsNotADatabaseGivesAnErrorNamingTheStore() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("tolk.db"), "this is not an SQLite database, just some text ".repeat(50));
        assertThatThrownBy(this::open)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("store sqlite:" + dir.resolve("tolk.db"));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
