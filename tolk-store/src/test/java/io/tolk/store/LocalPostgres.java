package io.tolk.store;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: initdb in a temp directory, started with pg_ctl on a free loopback port,
 * password authentication (so the store's credentials-from-environment path is used), stopped when the JVM exits.
 * One per test JVM. Tests are skipped, with the reason, where the server binaries are absent
 * (set {@code -Dtolk.postgres.bin=DIR} to point at them). As root, the server runs as the {@code postgres} user.
 */
public final class LocalPostgres {

    public static final String USER = "tolk_test";
    public static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

    private static LocalPostgres shared;
    private static String unavailable;

    private final Path bin;
    private final Path home;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private LocalPostgres(Path bin, Path home, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * The shared server, started on first use. When it cannot be had, the calling test is skipped, saying why; under
     * CI ({@code CI=true}, where {@code .ci/run} installs PostgreSQL) it fails instead, since a skip there would hide it.
     */
    public static synchronized LocalPostgres shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start("-c shared_buffers=16MB -c max_connections=40");
            } catch (Exception e) {
                unavailable = "PostgreSQL could not be started: " + e.getMessage();
            }
        }
        if (shared == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(unavailable + " (under CI the PostgreSQL tests must run, not skip)");
        }
        Assumptions.assumeTrue(shared != null, () -> unavailable);
        return shared;
    }

    /**
     * A new, empty store: a fresh schema in the server's one test database (much faster than a database per test),
     * named by the URL's {@code currentSchema}; the credentials come through the environment map, as in production.
     */
    public StoreUrl newDatabase() {
        String schema = "tolk_t" + databases.incrementAndGet();
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return StoreUrl.parse("jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + schema, Path.of(""),
                Map.of(StoreUrl.USER_ENV, USER, StoreUrl.PASSWORD_ENV, PASSWORD));
    }

    public int port() {
        return port;
    }

    private Connection adminConnection() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /**
     * A server of its own (not the shared one) with extra server options, e.g. for a benchmark that needs
     * {@code -c shared_preload_libraries=pg_stat_statements}; stopped when the JVM exits.
     */
    public static LocalPostgres startOwn(String serverOptions) throws Exception {
        return start(serverOptions);
    }

    private static LocalPostgres start(String serverOptions) throws Exception {
        Path bin = findBin();
        if (bin == null) {
            throw new IllegalStateException("no initdb/pg_ctl found (looked in -Dtolk.postgres.bin and /usr/lib/postgresql/*/bin)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path home = Files.createTempDirectory("tolk-pg-");
        Path data = home.resolve("data");
        Path pwfile = home.resolve("pw");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (root) {
            UserPrincipal postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(home, postgres);
            Files.setOwner(pwfile, postgres);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LocalPostgres pg = new LocalPostgres(bin, home, port, root);
        List<String> initdb = List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8");
        try {
            // a linguistic default collation (as production databases usually have), so ordering tests mean something
            List<String> icu = new ArrayList<>(initdb);
            icu.addAll(List.of("--locale-provider=icu", "--icu-locale=en-US"));
            pg.run(icu, 120);
        } catch (IllegalStateException noIcu) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            pg.run(initdb, 120);
        }
        Files.deleteIfExists(pwfile);
        pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off " + serverOptions,
                "start"), 90);
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "stop-test-postgres"));
        return pg;
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-m", "immediate", "-w", "stop"), 30);
        } catch (Exception e) {
            // best effort at JVM exit
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(home.resolve("commands.log").toFile())
                .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            String log = Files.exists(home.resolve("commands.log")) ? Files.readString(home.resolve("commands.log")) : "";
            throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " exited " + p.exitValue() + ": "
                    + log.strip().lines().reduce((a, b) -> b).orElse(""));
        }
    }

    private static Path findBin() throws IOException {
        String configured = System.getProperty("tolk.postgres.bin");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p.resolve("pg_ctl")) ? p : null;
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString(), LocalPostgres::compareVersions))
                    .orElse(null);
        }
    }

    private static int compareVersions(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a.split("\\.")[0]), Integer.parseInt(b.split("\\.")[0]));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
