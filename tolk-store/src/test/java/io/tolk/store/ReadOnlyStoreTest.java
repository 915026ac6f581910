package io.tolk.store;

import io.tolk.api.Checkpoint;
import io.tolk.engine.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store opened read-only (tolk plan, status) changes nothing, not even by being opened. */
class ReadOnlyStoreTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private StoreUrl url() {
        return StoreUrl.parse("sqlite:tolk.db", dir, Map.of());
    }

    @Test
    void aStoreThatDoesNotExistIsNotCreated() {
        assertThatThrownBy(() -> JdbcStore.openReadOnly(url(), clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("does not exist yet")
                .hasMessageContaining("tolk sync");
        assertThat(dir.resolve("tolk.db")).doesNotExist();
    }

    @Test
    void readsWorkAndEveryWriteIsRefused() throws Exception {
        try (JdbcStore store = JdbcStore.open(url(), clock)) {
            store.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("c1"));
        }
        try (JdbcStore store = JdbcStore.openReadOnly(url(), clock)) {
            assertThat(store.readOnly()).isTrue();
            assertThat(store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("c1");
            assertThat(store.connections()).containsExactly("acme");

            assertThatThrownBy(() -> store.connection("acme").putCheckpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts"), new Checkpoint("c2")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> store.tryLock("acme", "plan", Duration.ofMinutes(1)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> store.connection("acme").update(tx -> { }))
                    .isInstanceOf(StoreException.class);
        }
        try (JdbcStore store = JdbcStore.open(url(), clock)) {
            assertThat(store.connection("acme").checkpoint(io.tolk.engine.store.StreamKey.fromStored("zoho", "Accounts")).value()).isEqualTo("c1");
        }
    }

    @Test
    void theConnectionsThemselvesRefuseWritesSoNoCodePathCanWrite() {
        try (JdbcStore store = JdbcStore.open(url(), clock)) {
            store.connection("acme").putMappingFingerprint("fp");
        }
        try (Database db = Database.open(url(), true)) {
            assertThatThrownBy(() -> db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("DELETE FROM tolk_connection");
                }
            })).isInstanceOf(StoreException.class).hasMessageContaining("readonly");
        }
    }

    @Test
    void aSchemaThatNeedsMigratingIsReportedNotMigrated() throws Exception {
        try (Database db = Database.open(url())) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    String newest = Migrations.SCRIPTS.get(Migrations.SCRIPTS.size() - 1);
                    return s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '"
                            + newest.substring(1, newest.indexOf("__")) + "'");
                }
            });
        }
        long before = Files.size(dir.resolve("tolk.db"));
        assertThatThrownBy(() -> JdbcStore.openReadOnly(url(), clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("needs 1 schema migration");
        assertThat(Files.size(dir.resolve("tolk.db"))).isEqualTo(before);
    }
}
