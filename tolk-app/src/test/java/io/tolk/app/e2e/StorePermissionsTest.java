package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The store holds customers' personal data: tolk keeps it owner-only, and says so when it had to narrow it. */
class StorePermissionsTest extends E2eBase {

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theStoreAFirstSyncCreatesIsOwnerOnly() throws Exception {
        companyInPowerOffice("Privat AS");

        tolk.syncOk();

        assertThat(mode(dir.resolve("tolk.db"))).isEqualTo("rw-------");
    }

    @Test
    void aWorldReadableStoreIsNarrowedWithANoticePrintedOnceAndItsWalAndShmAreOwnerOnly() throws Exception {
        companyInPowerOffice("Privat AS");
        tolk.syncOk();
        Path db = dir.resolve("tolk.db");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        try (ChildTolk first = ChildTolk.start(dir, "sync", "--once", "-c", configFile.toString())) {
            assertThat(first.waitFor(60)).as(first.output()).isZero();
            assertThat(first.output()).containsOnlyOnce("owner-only (rw-------)").contains("tolk.db was rw-r--r--");
        }
        assertThat(mode(db)).isEqualTo("rw-------");

        try (ChildTolk second = ChildTolk.start(dir, "status", "-c", configFile.toString())) {
            assertThat(second.waitFor(60)).as(second.output()).isZero();
            assertThat(second.output()).as("nothing to narrow the second time").doesNotContain("owner-only");
        }

        // while a store is open, SQLite's -wal and -shm files exist: they take the database file's mode
        try (var store = io.tolk.store.JdbcStore.open(io.tolk.store.StoreUrl.parse("sqlite:" + db), java.time.Clock.systemUTC())) {
            store.tryLock("default", "probe", java.time.Duration.ofSeconds(5));
            assertThat(mode(dir.resolve("tolk.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("tolk.db-shm"))).isEqualTo("rw-------");
        }
    }
}
