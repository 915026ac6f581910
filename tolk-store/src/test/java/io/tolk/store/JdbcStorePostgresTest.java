package io.tolk.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL specifics: several processes racing for the lock, text order, restarts, credentials (skipped without PostgreSQL). */
class JdbcStorePostgresTest {

    private final TestClock clock = new TestClock();

    @Test
    void ofManyWorkersRacingForTheLockExactlyOneWins() throws Exception {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        int workers = 8;
        List<JdbcStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int i = 0; i < 4; i++) {
                stores.add(JdbcStore.open(url, clock));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                JdbcStore store = stores.get(i % stores.size());
                String owner = "worker-" + i;
                attempts.add(pool.submit(() -> {
                    go.await();
                    return store.tryLock("acme", owner, Duration.ofMinutes(5));
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> f : attempts) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            stores.forEach(JdbcStore::close);
        }
    }

    @Test
    void idsAreOrderedAsJavaOrdersStringsWhateverTheDatabaseCollation() {
        List<String> ids = List.of("ab", "a-b", "B", "a", "_x", "Z", "a b", "10", "9");
        try (JdbcStore store = JdbcStore.open(LocalPostgres.shared().newDatabase(), clock)) {
            ConnectionStore db = store.connection("acme");
            for (String id : ids) {
                db.putSnapshot(new Snapshot(new RecordRef("zoho", "Accounts", id), "h", Map.of(), null, Map.of(), false));
            }
            List<String> expected = new ArrayList<>(ids);
            expected.sort(String::compareTo);

            assertThat(db.snapshots("zoho", "Accounts", null, Integer.MAX_VALUE)).extracting(s -> s.ref().id()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void migrationsAreIdempotentAndDataSurvivesReopen() throws Exception {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        try (JdbcStore store = JdbcStore.open(url, clock)) {
            store.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("c1"));
        }
        try (JdbcStore store = JdbcStore.open(url, clock)) {
            assertThat(store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("c1");
        }
        try (Database db = Database.open(url)) {
            assertThat(db.read(Migrations::upToDate)).as("reopening skips Flyway").isTrue();
        }
        Properties p = new Properties();
        p.setProperty("user", url.user());
        p.setProperty("password", url.password());
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(CASE WHEN success THEN 1 ELSE 0 END) FROM flyway_schema_history")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(rs.getInt(2)).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aReadOnlyStoreReadsAndItsConnectionsRefuseWrites() {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        try (JdbcStore store = JdbcStore.open(url, clock)) {
            store.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("c1"));
        }
        try (JdbcStore store = JdbcStore.openReadOnly(url, clock)) {
            assertThat(store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("c1");
            assertThatThrownBy(() -> store.tryLock("acme", "plan", Duration.ofMinutes(1))).isInstanceOf(StoreException.class);
        }
        try (Database db = Database.open(url, true)) {
            assertThatThrownBy(() -> db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("DELETE FROM tolk_connection");
                }
            })).isInstanceOf(StoreException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void aSchemaNamedInTheUrlIsCreatedIfMissing() {
        LocalPostgres pg = LocalPostgres.shared();
        StoreUrl url = StoreUrl.parse("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?currentSchema=tolk_missing_schema",
                Path.of(""), Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV, LocalPostgres.PASSWORD));
        try (JdbcStore store = JdbcStore.open(url, clock)) {
            store.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("c1"));
            assertThat(store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("c1");
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePassword() {
        LocalPostgres pg = LocalPostgres.shared();
        StoreUrl url = StoreUrl.parse("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", Path.of(""),
                Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV, "wrong-secret-123"));

        assertThatThrownBy(() -> JdbcStore.open(url, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("store jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres")
                .hasMessageNotContaining("wrong-secret-123");
    }

    @Test
    void instantsWithNanosecondsRoundTrip() {
        Instant t = Instant.parse("2026-03-02T08:00:00.123456789Z");
        try (JdbcStore store = JdbcStore.open(LocalPostgres.shared().newDatabase(), clock)) {
            ConnectionStore db = store.connection("acme");
            RecordRef ref = new RecordRef("poweroffice", "CompanyCustomer", "1");
            db.putSnapshot(new Snapshot(ref, "h", Map.of("Name", "A"), t, Map.of("MailAddress.City", t.plusNanos(1)), true));
            assertThat(db.snapshot(ref).orElseThrow().modifiedAt()).isEqualTo(t);
            assertThat(db.snapshot(ref).orElseThrow().fieldModifiedAt()).containsEntry("MailAddress.City", t.plusNanos(1));
        }
    }
}
