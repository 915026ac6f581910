package io.tolk.store;

import io.tolk.engine.store.ChangeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's files hold personal data: they are owner-only from the start, and a wider store is narrowed. */
class StoreFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private JdbcStore open(Path file) {
        return JdbcStore.open(StoreUrl.parse("sqlite:" + file, dir, Map.of()), Clock.systemUTC());
    }

    @Test
    void aNewStoreAndTheWalAndShmFilesSqliteAddsAreOwnerOnly() throws Exception {
        Path file = dir.resolve("tolk.db");
        try (JdbcStore store = open(file)) {
            store.tryLock("acme", "me", Duration.ofMinutes(1));
            store.connection("acme").apply(ChangeSet.builder().build());
            assertThat(Files.exists(dir.resolve("tolk.db-wal"))).as("WAL file present while open").isTrue();
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("tolk.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("tolk.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingStoreReadableByOthersIsNarrowedWithItsSideFilesAndTheNoticeSaysSo() throws Exception {
        Path file = dir.resolve("tolk.db");
        try (JdbcStore store = open(file)) {
            store.tryLock("acme", "me", Duration.ofMinutes(1));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Path journal = dir.resolve("tolk.db-journal");
        Files.createFile(journal);
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-rw-rw-"));

        StoreFiles.Tightened t = StoreFiles.secure(file);

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(journal)).isEqualTo("rw-------");
        assertThat(t.files()).containsExactly("tolk.db was rw-r--r--", "tolk.db-journal was rw-rw-rw-");
        assertThat(t.notice(StoreUrl.parse("sqlite:" + file, dir, Map.of())))
                .contains("store sqlite:" + file).contains("owner-only (rw-------)");
        assertThat(StoreFiles.secure(file).any()).as("said once: the next open finds nothing to narrow").isFalse();
    }

    @Test
    void aStoreOpenedAfterBeingMadeWorldReadableKeepsItsDataAndIsOwnerOnlyAgain() throws Exception {
        Path file = dir.resolve("tolk.db");
        try (JdbcStore store = open(file)) {
            assertThat(store.tryLock("acme", "me", Duration.ofMinutes(5))).isTrue();
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

        try (JdbcStore store = open(file)) {
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(store.lockHolder("acme")).contains("me");
        }
    }

    @Test
    void aNeverCreatedStoreIsNotCreatedWhenOnlyAnExistingOneIsAskedFor() {
        Path file = dir.resolve("tolk.db");
        assertThat(JdbcStore.openExisting(StoreUrl.parse("sqlite:" + file, dir, Map.of()), Clock.systemUTC())).isEmpty();
        assertThat(Files.exists(file)).isFalse();
    }
}
