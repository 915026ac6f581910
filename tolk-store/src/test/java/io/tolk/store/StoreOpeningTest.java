package io.tolk.store;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How opening a store fails, by kind, and that stores opened at the same moment are migrated once and whole. */
class StoreOpeningTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    private StoreUrl sqlite(Path file) {
        return StoreUrl.parse("sqlite:" + file, dir, Map.of());
    }

    private static StoreException.Problem problemOpening(StoreUrl url) {
        try (JdbcStore ignored = JdbcStore.open(url, Clock.systemUTC())) {
            throw new AssertionError("opened " + url);
        } catch (StoreException e) {
            return e.problem();
        }
    }

    @Test
    void aMissingFolderIsAWrongSetting() {
        assertThat(problemOpening(sqlite(dir.resolve("no/such/folder/tolk.db")))).isEqualTo(StoreException.Problem.SETTING);
    }

    @Test
    void aFileThatIsNotADatabaseIsAWrongSettingAndIsLeftAsItWas() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are my notes, not a database; ".repeat(200));
        assertThat(problemOpening(sqlite(file))).isEqualTo(StoreException.Problem.SETTING);
        assertThat(Files.readString(file)).startsWith("these are my notes");
    }

    @Test
    void aPostgresServerThatIsNotListeningIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StoreUrl url = StoreUrl.parse("jdbc:postgresql://127.0.0.1:" + port + "/tolk", dir,
                Map.of(StoreUrl.USER_ENV, "tolk", StoreUrl.PASSWORD_ENV, "pw-not-shown"));
        assertThatThrownBy(() -> JdbcStore.open(url, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:" + port).hasMessageNotContaining("pw-not-shown")
                .satisfies(e -> assertThat(((StoreException) e).problem()).isEqualTo(StoreException.Problem.UNREACHABLE));
    }

    @Test
    void aRefusedPostgresLoginIsUnreachableAndAnUnknownDatabaseIsAWrongSetting() {
        LocalPostgres pg = LocalPostgres.shared();
        StoreUrl badLogin = StoreUrl.parse("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", dir,
                Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV, "wrong-" + LocalPostgres.PASSWORD));
        assertThat(problemOpening(badLogin)).isEqualTo(StoreException.Problem.UNREACHABLE);
        StoreUrl noDatabase = StoreUrl.parse("jdbc:postgresql://127.0.0.1:" + pg.port() + "/no_such_db", dir,
                Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV, LocalPostgres.PASSWORD));
        assertThat(problemOpening(noDatabase)).isEqualTo(StoreException.Problem.SETTING);
    }

    @Test
    void aPostgresDatabaseWithoutTolksSchemaIsNotCreatedYetAndStaysSo() {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        assertThat(JdbcStore.openExisting(url, clock)).isEmpty();
        assertThat(JdbcStore.openExisting(url, clock)).as("still nothing: the first look created nothing").isEmpty();
        JdbcStore.open(url, clock).close();
        try (JdbcStore store = JdbcStore.openExisting(url, clock).orElseThrow()) {
            assertThat(store.connections()).isEmpty();
        }
    }

    @RepeatedTest(5)
    void sqliteStoresOpenedAtTheSameMomentOnANewFileAreMigratedOnceAndAllOpen() throws Exception {
        StoreUrl url = sqlite(dir.resolve("race.db"));
        openAllAtOnce(url, 4);
        try (JdbcStore store = JdbcStore.open(url, clock)) {
            assertThat(store.tryLock("acme", "after", Duration.ofMinutes(1))).isTrue();
        }
    }

    @RepeatedTest(2)
    void postgresStoresOpenedAtTheSameMomentOnANewSchemaAreMigratedOnceAndAllOpen() throws Exception {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        openAllAtOnce(url, 4);
        try (JdbcStore store = JdbcStore.open(url, clock)) {
            assertThat(store.tryLock("acme", "after", Duration.ofMinutes(1))).isTrue();
        }
    }

    /** Opens {@code n} stores released at once by a latch; every one must open. */
    private void openAllAtOnce(StoreUrl url, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> opens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                opens.add(pool.submit(() -> {
                    go.await();
                    JdbcStore.open(url, clock).close();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : opens) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
