package io.tolk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.app.cluster.ClaimLog;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoModule;
import io.tolk.sim.zoho.ZohoSimulator;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tolk run --cluster}: three worker processes on one PostgreSQL store divide twenty connections between them
 * (twenty PowerOffice clients under one subscription key and twenty Zoho orgs, in one simulator process each, some
 * orgs faulty); a worker killed with SIGKILL in the middle of a cycle and another paused (SIGSTOP) longer than its
 * lease lose their connections to the others, every connection converges without a record created twice, the claim
 * log shows no connection with two writers at once, and PowerOffice's 10 requests/s for the subscription key held
 * across all the workers.
 */
class ClusterTest {

    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final int CONNECTIONS = 20;
    private static final int COMPANIES = 3;
    private static final int PERSONS = 2;
    private static final List<Integer> FAULTY = List.of(3, 8, 13);

    @TempDir
    Path dir;

    private PowerOfficeSimulator po;
    private ZohoSimulator zoho;
    private final List<ChildTolk> workers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ChildTolk w : workers) {
            if (w.isAlive()) {
                w.signal("CONT");
            }
            w.close();
        }
        if (po != null) {
            po.close();
        }
        if (zoho != null) {
            zoho.close();
        }
    }

    @Test
    void workersShareTheConnectionsTakeOverFromAKilledAndAPausedOneAndNothingIsCreatedTwice() throws Exception {
        StoreUrl store = LocalPostgres.shared().newDatabase();
        Map<String, String> env = Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV, LocalPostgres.PASSWORD);
        StringBuilder config = new StringBuilder("store: " + store.jdbcUrl() + "\nsync:\n  interval: 1s\n"
                + "server:\n  port: 0\nconnections:\n");
        po = PowerOfficeSimulator.start(SimOptions.defaults().withPort(0).withRecords(0).withTenants(CONNECTIONS)
                .withFaults(Faults.NONE));   // PowerOffice's real limit on: 10 requests/s for the one subscription key
        zoho = ZohoSimulator.start(SimOptions.defaults().withPort(0).withRecords(0).withTenants(CONNECTIONS)
                .withFaults(Faults.NONE));   // Zoho's limits on too: credits and concurrent calls per org
        List<PowerOfficeCredentials> clients = po.tenantCredentials();
        List<ZohoCredentials> orgs = zoho.tenantCredentials();
        String poUrl = po.baseUrl().replaceAll("/$", "");
        String zohoUrl = zoho.baseUrl().replaceAll("/$", "");
        for (int i = 0; i < CONNECTIONS; i++) {
            PowerOfficeCredentials client = clients.get(i);
            List<Map<String, Object>> customers = new ArrayList<>();
            for (int k = 1; k <= COMPANIES; k++) {
                customers.add(Map.of("IsPerson", false, "Name", "Tenant " + i + " Company " + k));
            }
            for (int k = 1; k <= PERSONS; k++) {
                customers.add(Map.of("IsPerson", true, "FirstName", "Person" + k, "LastName", "Tenant" + i,
                        "EmailAddress", "p" + k + ".t" + i + "@example.no"));
            }
            VendorHttp.send(VendorHttp.request(poUrl + "/__sim/fixtures?tenant=" + client.clientKey())
                    .header("Content-Type", "application/json").POST(VendorHttp.json(Map.of("customers", customers))));
            if (FAULTY.contains(i)) {
                VendorHttp.send(VendorHttp.request(zohoUrl + "/__sim/faults?tenant=" + orgs.get(i).refreshToken())
                        .header("Content-Type", "application/json")
                        .POST(VendorHttp.json(Map.of("spec", "error=0.2,throttle=0.1,seed=" + i))));
            }
            config.append(TenantConnection.yaml("c" + i, poUrl, client, zohoUrl, orgs.get(i), false));
        }
        Files.writeString(dir.resolve("tolk.yaml"), config);
        for (String w : List.of("w1", "w2", "w3")) {
            workers.add(ChildTolk.start(dir, env, List.of("-Xmx256m"), "run", "--cluster", "--lease", "5s", "--worker", w,
                    "--threads", "4"));
        }
        for (ChildTolk w : workers) {
            w.awaitOutput(s -> s.contains("tolk run --cluster: worker"), Duration.ofSeconds(60));
        }
        ClaimLogReader log = new ClaimLogReader(store);
        log.await(l -> connectionsReleasedAtLeast(l, 2), Duration.ofSeconds(90));

        String[] first = log.await(l -> holder(l, List.of()), Duration.ofSeconds(60)).split(" ");
        String killedName = first[0];
        String victim = first[1];
        ChildTolk killed = workers.get(Integer.parseInt(killedName.substring(1)) - 1);
        Instant killedAt = Instant.now();
        killed.kill();
        Instant takenOver = log.awaitClaimAfter(victim, killedName, killedAt, Duration.ofSeconds(60));
        Duration takeover = Duration.between(killedAt, takenOver);

        String[] second = log.await(l -> holder(l.stream().filter(e -> e.at().isAfter(takenOver)).toList(),
                List.of(killedName)), Duration.ofSeconds(60)).split(" ");
        String pausedName = second[0];
        String held = second[1];
        ChildTolk paused = workers.get(Integer.parseInt(pausedName.substring(1)) - 1);
        Instant pausedAt = Instant.now();
        paused.signal("STOP");
        Instant takenFromPaused = log.awaitClaimAfter(held, pausedName, pausedAt, Duration.ofSeconds(60));
        Thread.sleep(LEASE.toMillis());
        paused.signal("CONT");
        Instant resumed = Instant.now();
        log.await(l -> l.stream().filter(e -> e.at().isAfter(resumed)).filter(e -> e.event() == ClaimLog.Event.RELEASED)
                .map(ClaimLog.Entry::connection).distinct().count() == CONNECTIONS ? "all" : null, Duration.ofSeconds(90));

        Map<String, Integer> expected = Map.of("Accounts", COMPANIES, "Contacts", PERSONS);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !java.util.stream.IntStream.range(0, CONNECTIONS)
                .allMatch(i -> zohoCounts(i).equals(expected))) {
            Thread.sleep(200);
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            assertThat(zohoCounts(i)).as("connection c" + i + ": every PowerOffice record has one Zoho partner, once")
                    .isEqualTo(expected);
        }
        long throttled = clients.stream().mapToLong(c -> po.counters(c.clientKey()).throttledCount()).sum();
        assertThat(throttled).as("429s from PowerOffice across all clients of the subscription key").isZero();
        for (int i = 0; i < CONNECTIONS; i++) {
            if (!FAULTY.contains(i)) {
                assertThat(zoho.counters(orgs.get(i).refreshToken()).throttledCount())
                        .as("429s from Zoho org c" + i + " (credits or concurrent calls exceeded across workers)").isZero();
            }
        }
        List<ClaimLog.Entry> entries = log.entries();
        assertNoTwoWritersAtOnce(entries, killedName);
        assertEveryCommitUnderItsClaimInGenerationOrder(log.commits(), entries);
        assertThat(log.scheduled(io.tolk.app.cluster.ClusterScheduler.PRUNING))
                .as("one pruning of the claim and commit logs for the whole cluster, whichever worker runs it").isEqualTo(1);
        assertThat(entries).as("the paused worker found its claims taken over and sent nothing more")
                .anySatisfy(e -> assertThat(e.worker() + " " + e.event()).isEqualTo(pausedName + " FENCED"));
        Files.writeString(Path.of("target", "cluster-takeover.txt"), "lease " + LEASE.toMillis() + " ms; takeover after"
                + " SIGKILL " + takeover.toMillis() + " ms; after SIGSTOP " + Duration.between(pausedAt, takenFromPaused).toMillis()
                + " ms; claims logged " + entries.size() + "; PowerOffice peak requests in one second for the key "
                + po.peakRequestsPerSecond(clients.get(0).subscriptionKey()) + "\n");
        assertThat(takeover).as("takeover from the killed worker").isLessThan(LEASE.multipliedBy(3));
        assertThat(Duration.between(pausedAt, takenFromPaused)).as("takeover from the paused worker")
                .isLessThan(LEASE.multipliedBy(3));
        for (ChildTolk w : workers) {
            if (w != killed) {
                w.signal("TERM");
                assertThat(w.waitFor(30)).isEqualTo(143);
            }
        }
    }

    /** Per connection, a claim ends (released or fenced) before the next claim by another worker starts, unless its
     * worker was killed; generations only grow. */
    private static void assertNoTwoWritersAtOnce(List<ClaimLog.Entry> entries, String killed) {
        Map<String, List<ClaimLog.Entry>> byConnection = new LinkedHashMap<>();
        entries.forEach(e -> byConnection.computeIfAbsent(e.connection(), k -> new ArrayList<>()).add(e));
        for (Map.Entry<String, List<ClaimLog.Entry>> c : byConnection.entrySet()) {
            List<ClaimLog.Entry> claims = c.getValue().stream().filter(e -> e.event() == ClaimLog.Event.CLAIMED)
                    .sorted(Comparator.comparingLong(ClaimLog.Entry::generation)).toList();
            for (int i = 1; i < claims.size(); i++) {
                ClaimLog.Entry before = claims.get(i - 1);
                ClaimLog.Entry next = claims.get(i);
                assertThat(next.generation()).as(c.getKey() + ": generations grow").isGreaterThan(before.generation());
                ClaimLog.Entry end = c.getValue().stream().filter(e -> e.generation() == before.generation()
                        && e.worker().equals(before.worker()) && e.event() != ClaimLog.Event.CLAIMED).findFirst().orElse(null);
                if (end == null) {
                    assertThat(before.worker()).as(c.getKey() + ": a claim that never ended belongs to the killed worker")
                            .isEqualTo(killed);
                } else if (end.event() == ClaimLog.Event.RELEASED) {
                    assertThat(end.at()).as(c.getKey() + ": claim " + before + " released before " + next)
                            .isBeforeOrEqualTo(next.at());
                }
            }
        }
    }

    /**
     * Per connection, the commits (logged by the store inside each commit's transaction, with the cycle lock's owner
     * {@code host/pid/worker@generation~nonce}) were made under claims the claim log has, and their generations never
     * go back: once a newer claim committed, no older one did.
     */
    private static void assertEveryCommitUnderItsClaimInGenerationOrder(List<String[]> commits, List<ClaimLog.Entry> claims) {
        assertThat(commits).as("commits logged").hasSizeGreaterThanOrEqualTo(CONNECTIONS);
        java.util.Set<String> claimed = new java.util.HashSet<>();
        claims.stream().filter(e -> e.event() == ClaimLog.Event.CLAIMED)
                .forEach(e -> claimed.add(e.connection() + " " + e.worker() + "@" + e.generation()));
        Map<String, Long> newest = new LinkedHashMap<>();
        for (String[] c : commits) {
            String connection = c[0];
            String claim = c[1].split("/")[2].split("~")[0];
            assertThat(claimed).as("commit of " + connection + " by " + claim + " under a logged claim")
                    .contains(connection + " " + claim);
            long generation = Long.parseLong(claim.substring(claim.lastIndexOf('@') + 1));
            long before = newest.getOrDefault(connection, 0L);
            assertThat(generation).as(connection + ": a commit of generation " + generation + " after one of " + before)
                    .isGreaterThanOrEqualTo(before);
            newest.put(connection, generation);
        }
    }

    private static String connectionsReleasedAtLeast(List<ClaimLog.Entry> log, int times) {
        Map<String, Long> released = new LinkedHashMap<>();
        log.stream().filter(e -> e.event() == ClaimLog.Event.RELEASED)
                .forEach(e -> released.merge(e.connection(), 1L, Long::sum));
        return released.size() == CONNECTIONS && released.values().stream().allMatch(n -> n >= times) ? "yes" : null;
    }

    /** "worker connection" of a claim that has not ended, by a worker not in {@code except}, or null. */
    private static String holder(List<ClaimLog.Entry> log, List<String> except) {
        Map<String, ClaimLog.Entry> last = new LinkedHashMap<>();
        log.forEach(e -> last.put(e.connection(), e));
        return last.values().stream().filter(e -> e.event() == ClaimLog.Event.CLAIMED && !except.contains(e.worker()))
                .map(e -> e.worker() + " " + e.connection()).findFirst().orElse(null);
    }

    private Map<String, Integer> zohoCounts(int i) {
        String org = zoho.tenantCredentials().get(i).refreshToken();
        return Map.of("Accounts", zoho.recordCount(org, ZohoModule.ACCOUNTS),
                "Contacts", zoho.recordCount(org, ZohoModule.CONTACTS));
    }

    /** Reads the shared store's claim log. */
    private static final class ClaimLogReader {
        private final StoreUrl store;

        ClaimLogReader(StoreUrl store) {
            this.store = store;
        }

        /** How many rows the shared schedule has for {@code task}. */
        long scheduled(String task) throws Exception {
            Properties p = new Properties();
            p.setProperty("user", LocalPostgres.USER);
            p.setProperty("password", LocalPostgres.PASSWORD);
            try (var c = DriverManager.getConnection(store.jdbcUrl(), p);
                 var ps = c.prepareStatement("SELECT count(*) FROM tolk_scheduled_tasks WHERE task_name = ?")) {
                ps.setString(1, task);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        List<ClaimLog.Entry> entries() throws Exception {
            Properties p = new Properties();
            p.setProperty("user", LocalPostgres.USER);
            p.setProperty("password", LocalPostgres.PASSWORD);
            List<ClaimLog.Entry> out = new ArrayList<>();
            try (var c = DriverManager.getConnection(store.jdbcUrl(), p);
                 var rs = c.createStatement().executeQuery("SELECT connection_name, worker, generation, event, at_time"
                         + " FROM tolk_claim_log ORDER BY at_time, generation")) {
                while (rs.next()) {
                    out.add(new ClaimLog.Entry(rs.getString(1), rs.getString(2), rs.getLong(3),
                            ClaimLog.Event.valueOf(rs.getString(4).toUpperCase()), Instant.ofEpochMilli(rs.getLong(5))));
                }
            } catch (java.sql.SQLException e) {
                return List.of();   // not created yet
            }
            return out;
        }

        /** The store's commit log, oldest first: {connection, lock owner} per commit. */
        List<String[]> commits() throws Exception {
            Properties p = new Properties();
            p.setProperty("user", LocalPostgres.USER);
            p.setProperty("password", LocalPostgres.PASSWORD);
            List<String[]> out = new ArrayList<>();
            try (var c = DriverManager.getConnection(store.jdbcUrl(), p);
                 var rs = c.createStatement().executeQuery("SELECT connection_name, owner FROM tolk_commit_log"
                         + " ORDER BY at_time")) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        }

        String await(java.util.function.Function<List<ClaimLog.Entry>, String> found, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String r = found.apply(entries());
                if (r != null) {
                    return r;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("not seen in the claim log within " + timeout.toSeconds() + " s: " + entries());
        }

        /** When {@code connection} was first claimed after {@code after} by a worker other than {@code not}. */
        Instant awaitClaimAfter(String connection, String not, Instant after, Duration timeout) throws Exception {
            String at = await(l -> l.stream().filter(e -> e.connection().equals(connection) && !e.worker().equals(not)
                            && e.event() == ClaimLog.Event.CLAIMED && e.at().isAfter(after))
                    .findFirst().map(e -> e.at().toString()).orElse(null), timeout);
            return Instant.parse(at);
        }
    }
}
