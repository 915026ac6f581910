package io.tolk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir
    Path dir;

    private StoreUrl file(String name) {
        return StoreUrl.parse("sqlite:" + name, dir, Map.of());
    }

    private static int appliedMigrations(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = 1")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void migrationsRunOnAFreshFileAndAreIdempotentOnReopen() {
        int applied;
        try (Database db = Database.open(file("fresh.db"))) {
            applied = appliedMigrations(db);
            assertThat(applied).isGreaterThanOrEqualTo(1);
        }
        assertThat(dir.resolve("fresh.db")).exists();
        try (Database db = Database.open(file("fresh.db"))) {
            assertThat(appliedMigrations(db)).isEqualTo(applied);
        }
    }

    @Test
    void anAppliedMigrationThatChangedIsRefusedOnOpen() {
        try (Database db = Database.open(file("tampered.db"))) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '1'");
                }
            });
        }
        assertThatThrownBy(() -> Database.open(file("tampered.db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("migrating the schema failed")
                .hasMessageContaining("checksum");
    }

    @Test
    void sqliteFileIsInWalModeWithForeignKeysOn() {
        try (Database db = Database.open(file("wal.db"))) {
            String mode = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            int fk = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(fk).isEqualTo(1);
        }
    }

    @Test
    void aFailedWriteRollsBackEverythingItDid() {
        try (Database db = Database.open(file("tx.db"))) {
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            assertThatThrownBy(() -> db.write(c -> {
                LockTable.take(c, "default", "a", now, Duration.ofMinutes(1));
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(db.<java.util.Optional<LockTable.Holder>>read(c -> LockTable.holder(c, "default"))).isEmpty();
        }
    }

    @Test
    void aNestedWriteJoinsTheOuterTransaction() {
        try (Database db = Database.open(file("nested.db"))) {
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            assertThatThrownBy(() -> db.write(outer -> {
                db.write(inner -> LockTable.take(inner, "default", "a", now, Duration.ofMinutes(1)));
                throw new IllegalStateException("outer fails after the inner write");
            })).hasMessageContaining("outer fails");

            assertThat(db.<java.util.Optional<LockTable.Holder>>read(c -> LockTable.holder(c, "default"))).isEmpty();
        }
    }

    @Test
    void aMissingDirectoryIsNamedInTheError() {
        assertThatThrownBy(() -> Database.open(file("no/such/dir/tolk.db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("no/such/dir");
    }

    @Test
    void memoryStoreMigratesAndKeepsDataWhileOpen() {
        try (Database db = Database.open(StoreUrl.parse("sqlite::memory:", dir, Map.of()))) {
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            db.write(c -> LockTable.take(c, "default", "a", now, Duration.ofMinutes(1)));
            assertThat(db.<java.util.Optional<LockTable.Holder>>read(c -> LockTable.holder(c, "default"))).isPresent();
        }
    }
}
