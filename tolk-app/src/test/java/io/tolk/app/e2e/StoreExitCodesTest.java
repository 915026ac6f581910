package io.tolk.app.e2e;

import io.tolk.app.AppContext;
import io.tolk.app.Main;
import io.tolk.store.LocalPostgres;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's one rule, the same for every command (README, "Exit codes"): a missing folder or a file that is not a
 * database is exit 2; a store not created yet is "nothing synced yet" and exit 0 for read-only commands; a database
 * server that cannot be reached or refuses the login is exit 3 naming the store; a store that fails in use is exit 4.
 */
class StoreExitCodesTest extends E2eBase {

    private static final List<String> READ_ONLY = List.of("plan", "status", "failures", "conflicts", "link");

    private record Run(int exit, String err) {
    }

    /** {@code tolk <command> -c tolk.yaml} in this process with {@code env} as its environment. */
    private Run tolk(Map<String, String> env, String command, String... args) {
        List<String> argv = new ArrayList<>(List.of(command, "-c", configFile.toString()));
        argv.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(AppContext.of(env, dir)).run(argv.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    private Run tolk(String command, String... args) {
        return tolk(Map.of(), command, args);
    }

    /** tolk.yaml with {@code store:} set to {@code store}. */
    private void storeIs(String store) throws Exception {
        writeConfig("");
        String yaml = Files.readString(configFile);
        Files.writeString(configFile, "store: " + store + "\n" + yaml.substring(yaml.indexOf('\n') + 1));
    }

    @Test
    void aStoreInAMissingFolderIsExit2ForEveryCommand() throws Exception {
        Path missing = dir.resolve("no-such-folder").resolve("tolk.db");
        storeIs("sqlite:" + missing);

        for (String command : List.of("plan", "status", "failures", "conflicts", "link", "sync")) {
            Run r = command.equals("sync") ? tolk(command, "--once") : tolk(command);
            assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(command).contains(dir.resolve("no-such-folder").toString()).contains("does not exist");
        }
        assertThat(Files.exists(missing.getParent())).isFalse();
    }

    @Test
    void aStoreFileThatIsNotADatabaseIsExit2ForEveryCommandAndIsLeftAlone() throws Exception {
        Path file = dir.resolve("tolk.db");
        String notes = "my notes, not a database\n".repeat(100);
        Files.writeString(file, notes);
        storeIs("sqlite:" + file);

        for (String command : List.of("plan", "status", "failures", "sync")) {
            Run r = command.equals("sync") ? tolk(command, "--once") : tolk(command);
            assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(command).contains("store sqlite:" + file);
        }
        assertThat(Files.readString(file)).isEqualTo(notes);
    }

    @Test
    void aStoreNotCreatedYetIsNothingSyncedYetAndExit0ForReadOnlyCommandsWhichCreateNothing() throws Exception {
        Path file = dir.resolve("tolk.db");
        storeIs("sqlite:" + file);

        for (String command : READ_ONLY) {
            Run r = tolk(command);
            assertThat(r.exit()).as(command + ": " + r.err()).isZero();
            assertThat(r.err()).as(command).contains("nothing synced yet");
        }
        assertThat(Files.exists(file)).isFalse();

        assertThat(tolk("sync", "--once").exit()).isZero();
        assertThat(Files.exists(file)).isTrue();
        assertThat(tolk("status").err()).doesNotContain("nothing synced yet");
    }

    @Test
    void aPostgresServerThatIsNotListeningIsExit3NamingTheStore() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        storeIs("jdbc:postgresql://127.0.0.1:" + port + "/tolk");
        Map<String, String> env = Map.of("TOLK_DB_USER", "tolk", "TOLK_DB_PASSWORD", "secret-not-shown");

        for (String command : List.of("status", "plan", "sync")) {
            Run r = command.equals("sync") ? tolk(env, command, "--once") : tolk(env, command);
            assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(3);
            assertThat(r.err()).as(command).contains("store jdbc:postgresql://127.0.0.1:" + port + "/tolk")
                    .doesNotContain("secret-not-shown");
        }
    }

    @Test
    void aPostgresLoginRefusedIsExit3NamingTheStoreButNotThePassword() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        String url = pg.newDatabase().jdbcUrl();
        storeIs(url);
        Map<String, String> wrong = Map.of("TOLK_DB_USER", LocalPostgres.USER, "TOLK_DB_PASSWORD", "wrong-pw-4711");

        for (String command : List.of("status", "sync")) {
            Run r = command.equals("sync") ? tolk(wrong, command, "--once") : tolk(wrong, command);
            assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(3);
            assertThat(r.err()).as(command).contains("store " + url).doesNotContain("wrong-pw-4711");
        }

        Map<String, String> right = Map.of("TOLK_DB_USER", LocalPostgres.USER, "TOLK_DB_PASSWORD", LocalPostgres.PASSWORD);
        assertThat(tolk(right, "status").err()).as("a new PostgreSQL store is not created yet either")
                .contains("nothing synced yet");
        assertThat(tolk(right, "sync", "--once").exit()).isZero();
    }

    @Test
    void aStoreThatFailsInUseIsExit4() throws Exception {
        Path file = dir.resolve("tolk.db");
        storeIs("sqlite:" + file);
        assertThat(tolk("sync", "--once").exit()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE tolk_lock RENAME TO tolk_lock_gone");   // broken behind tolk's back
        }

        Run r = tolk("sync", "--once");

        assertThat(r.exit()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains("store sqlite:" + file);
    }
}
