package io.tolk.app.e2e;

import io.tolk.app.AppContext;
import io.tolk.app.Main;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race matrix: two tolk processes (child JVMs) started at the same moment on one connection, {@code run},
 * {@code sync --once} and {@code plan} mixed, on SQLite and on PostgreSQL, on a store not created yet and on one in use
 * with work pending. One of them writes; each other one either waits and finds nothing left, or says plainly that
 * another process is syncing the connection (exit 1); {@code plan} reads only. Never exit 4, never a Flyway or migration
 * error, never a duplicate, and the store ends migrated exactly as a store migrated alone.
 * <p>Two {@code sync --once} on a new SQLite store are {@link FirstRunsAtOnceTest}'s case (with more processes).</p>
 */
class TwoProcessesOnOneConnectionTest extends E2eBase {

    private static final int COMPANIES = 4;
    private static final String BUSY = "is being synced by another tolk process";
    /** {@code tolk run}'s line for its first cycle: done ({@code default: cycle 1: read …}) or skipped (busy). */
    private static final java.util.regex.Pattern CYCLE_ENDED = java.util.regex.Pattern.compile(
            "default: (cycle \\d+|skipped: .*" + BUSY + ")");

    /** Where the store is, and the environment that opens it. */
    private record Store(String url, Map<String, String> env) {
    }

    @ParameterizedTest(name = "{0} and {1} at once on a {3} {2} store")
    @CsvSource({
            "sync, sync, postgres, fresh",
            "sync, sync, sqlite, used",
            "sync, sync, postgres, used",
            "run, sync, sqlite, fresh",
            "run, sync, postgres, fresh",
            "run, sync, sqlite, used",
            "run, sync, postgres, used",
            "run, plan, sqlite, fresh",
            "run, plan, postgres, fresh",
            "run, plan, sqlite, used",
            "run, plan, postgres, used"})
    void twoProcessesAtOnceGiveOneWriterAndAClearWordFromTheOtherNeverExit4NorAHalfMigratedStore(
            String first, String second, String kind, String state) throws Exception {
        Store store = kind.equals("sqlite") ? new Store("sqlite:" + dir.resolve("tolk.db"), Map.of()) : postgres();
        writeConfig("server:\n  port: 0\n");
        Files.writeString(configFile, "store: " + store.url() + "\n" + Files.readString(configFile).lines().skip(1)
                .collect(Collectors.joining("\n", "", "\n")));
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= COMPANIES; i++) {
            names.add("Kappløp " + i + " AS");
            companyInPowerOffice(names.get(names.size() - 1));
        }
        if (state.equals("used")) {
            assertThat(inProcess(store, "sync", "--once")).isZero();
            for (int i = COMPANIES + 1; i <= 2 * COMPANIES; i++) {
                names.add("Kappløp " + i + " AS");
                companyInPowerOffice(names.get(names.size() - 1));
            }
        }

        List<ChildTolk> children = new ArrayList<>();
        try {
            for (String command : List.of(first, second)) {
                children.add(ChildTolk.start(dir, store.env(), List.of(), argv(command)));
            }
            for (int i = 0; i < 2; i++) {
                String command = i == 0 ? first : second;
                ChildTolk child = children.get(i);
                if (!command.equals("run")) {
                    int exit = child.waitFor(120);
                    String out = child.output();
                    assertClean(command, out);
                    if (command.equals("plan")) {
                        assertThat(exit).as("plan reads only, whatever the other does:\n" + out).isZero();
                    } else {
                        assertThat(exit).as(command + ":\n" + out).isIn(0, 1);
                        if (exit == 1) {
                            assertThat(out).as("the one that stepped aside says why").contains(BUSY);
                        }
                    }
                }
            }
            for (int i = 0; i < 2; i++) {
                if ((i == 0 ? first : second).equals("run")) {
                    ChildTolk run = children.get(i);
                    run.awaitOutput(o -> CYCLE_ENDED.matcher(o).find(), Duration.ofSeconds(90));
                    run.signal("TERM");
                    int exit = run.waitFor(30);
                    assertClean("run", run.output());
                    assertThat(exit).as("run:\n" + run.output()).isEqualTo(143);
                }
            }
        } finally {
            children.forEach(ChildTolk::close);
        }

        outcome(first + " + " + second + " on a " + state + " " + kind + " store", first, second, children);
        Map<String, Long> accounts = zoho.all("Accounts").stream()
                .collect(Collectors.groupingBy(a -> a.path("Account_Name").asText(), Collectors.counting()));
        String said = children.stream().map(ChildTolk::output).collect(Collectors.joining("\n---\n"));
        assertThat(accounts.keySet()).as("every customer reached Zoho (one of them synced):\n" + said)
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(accounts).as("nothing twice").allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1L));
        assertThat(migrations(store)).as("the store is migrated exactly as a store migrated alone")
                .isEqualTo(migrations(new Store("sqlite:" + aloneMigratedStore(), Map.of())));
        assertThat(inProcess(store, "status")).as("status after both").isZero();
        assertThat(inProcess(store, "sync", "--once")).isZero();
        assertThat(zoho.all("Accounts")).hasSize(names.size());
    }

    /**
     * Appends the cell's outcome to {@code target/race-matrix.txt} (for the report; nothing is printed): each process's
     * exit code, how many records it created, and whether it stepped aside for the other.
     */
    private static void outcome(String cell, String first, String second, List<ChildTolk> children) throws Exception {
        StringBuilder line = new StringBuilder(cell).append(":");
        java.util.regex.Pattern table = java.util.regex.Pattern.compile("(?m)^total\\s+\\d+\\s+(\\d+)");
        java.util.regex.Pattern lines = java.util.regex.Pattern.compile("created (\\d+)");
        for (int i = 0; i < 2; i++) {
            String out = children.get(i).output();
            java.util.regex.Matcher m = (i == 0 ? first : second).equals("run") ? lines.matcher(out) : table.matcher(out);
            int created = 0;
            while (m.find()) {
                created += Integer.parseInt(m.group(1));
            }
            line.append(" ").append(i == 0 ? first : second).append(" exit ")
                    .append(children.get(i).isAlive() ? "?" : Integer.toString(children.get(i).exitCode()))
                    .append(", created ").append(created).append(out.contains(BUSY) ? ", stepped aside (busy)" : "")
                    .append(";");
        }
        Path report = Path.of("target", "race-matrix.txt");
        Files.writeString(report, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private String[] argv(String command) {
        return switch (command) {
            case "sync" -> new String[] {"sync", "--once", "-c", configFile.toString()};
            case "run" -> new String[] {"run", "-c", configFile.toString()};
            default -> new String[] {command, "-c", configFile.toString()};
        };
    }

    /** No internal error, no migration talk, no stack trace. */
    private static void assertClean(String command, String output) {
        assertThat(output).as(command).doesNotContain("Flyway").doesNotContainIgnoringCase("migrat")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    }

    private static Store postgres() {
        LocalPostgres pg = LocalPostgres.shared();
        StoreUrl url = pg.newDatabase();
        return new Store(url.jdbcUrl(), Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV,
                LocalPostgres.PASSWORD));
    }

    /** {@code tolk <argv> -c tolk.yaml} in this process with the store's environment; its exit code. */
    private int inProcess(Store store, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("-c", configFile.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Main(AppContext.of(store.env(), dir)).run(argv.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as(String.join(" ", args) + ":\n" + out.toString(StandardCharsets.UTF_8)).isNotEqualTo(4);
        return code;
    }

    private Path aloneMigratedStore() throws Exception {
        Path alone = Files.createTempDirectory(dir, "alone").resolve("tolk.db");
        try (var s = io.tolk.store.JdbcStore.open(StoreUrl.parse("sqlite:" + alone), java.time.Clock.systemUTC())) {
            s.lockHolder("default");
        }
        return alone;
    }

    /** Flyway's history: each applied version with its script and whether it succeeded. */
    private static List<String> migrations(Store store) throws Exception {
        String jdbc = store.url().startsWith("sqlite:") ? "jdbc:sqlite:" + store.url().substring("sqlite:".length())
                : store.url();
        Properties login = new Properties();
        store.env().forEach((k, v) -> login.setProperty(k.equals(StoreUrl.USER_ENV) ? "user" : "password", v));
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, login); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"script\", \"success\" FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
        }
        return rows;
    }
}
