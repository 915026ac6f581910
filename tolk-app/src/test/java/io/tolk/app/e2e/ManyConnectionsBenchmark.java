package io.tolk.app.e2e;

import io.tolk.app.Main;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoSimulator;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Many connections on a cluster ({@code bench/run many [connections] [records] [window-seconds]}; defaults 200, 1 000
 * and 60): one PowerOffice simulator with {@code connections} clients of {@code records} customers under one
 * subscription key, one Zoho simulator with as many empty orgs, and {@code tolk run --cluster} workers on a
 * PostgreSQL of the benchmark's own (with {@code pg_stat_statements}). After a first sync by 3 workers, four
 * measured phases: limits off and on (the simulators' and tolk's own pacing), each on 1 worker and on 3, each with
 * fresh workers measured once they are warm ({@link Bench#awaitWarm}, {@link Bench#awaitCompiled}).
 * Per phase it prints cycles per minute (released claims in the window), store statements per cycle (and the
 * scheduler's share), heap after a full GC per connection and the workers' resident memory, the 429s seen, CPU per
 * cycle by process, API requests and context switches per cycle, and the workers' CPU by thread.
 */
public final class ManyConnectionsBenchmark {

    private static final String LEASE = "5s";
    private static final int WARM_UP_LIMIT_S = 300;
    private static final double COMPILING_SETTLED_PERCENT = 3.0;

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path dir = Files.createTempDirectory("tolk-many-bench");
        LocalPostgres pg = LocalPostgres.startOwn("-c shared_buffers=1GB -c max_connections=100"
                + " -c shared_preload_libraries=pg_stat_statements");
        StoreUrl store = pg.newDatabase();
        try (Connection admin = admin(store); Statement s = admin.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA public");
        }
        long seedStart = System.nanoTime();
        try (PowerOfficeSimulator po = PowerOfficeSimulator.start(SimOptions.defaults().withPort(0).withRecords(records)
                .withTenants(connections).withNoLimits(true).withFaults(Faults.NONE));
             ZohoSimulator zoho = ZohoSimulator.start(SimOptions.defaults().withPort(0).withRecords(0)
                     .withTenants(connections).withNoLimits(true).withFaults(Faults.NONE))) {
            System.out.printf(Locale.ROOT, "simulators: %d PowerOffice clients of %d customers, %d Zoho orgs, seeded in %.1f s%n",
                    connections, records, connections, (System.nanoTime() - seedStart) / 1e9);
            Bench b = new Bench(dir, store, po, zoho, connections);
            long t0 = System.currentTimeMillis();
            List<Process> first = b.workers(3, false);
            b.awaitReleasedAtLeast(2, t0, 3600);
            System.out.printf(Locale.ROOT, "first sync (3 workers, limits off): every connection through 2 cycles in %.1f s%n",
                    (System.currentTimeMillis() - t0) / 1e3);
            b.stop(first);
            System.out.println("phase               cycles/min  statements/cycle  (scheduler)  heap KiB/conn  RSS MiB (all workers)  429s");
            double[] perMinute = new double[4];
            int k = 0;
            String only = System.getenv().getOrDefault("TOLK_BENCH_PHASES", "off1,off3,on1,on3");
            for (boolean limits : new boolean[]{false, true}) {
                for (int n : new int[]{1, 3}) {
                    if (List.of(only.split(",")).contains((limits ? "on" : "off") + n)) {
                        perMinute[k] = b.phase(limits, n, window);
                    }
                    k++;
                }
            }
            System.out.printf(Locale.ROOT, "ratio 3 workers : 1 worker   limits off %.2f   limits on %.2f%n",
                    perMinute[1] / perMinute[0], perMinute[3] / perMinute[2]);
        }
        System.exit(0);
    }

    private static Connection admin(StoreUrl store) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", LocalPostgres.USER);
        p.setProperty("password", LocalPostgres.PASSWORD);
        return DriverManager.getConnection(store.jdbcUrl(), p);
    }

    /**
     * CPU seconds spent by the workers, by this JVM (the simulators) and by every PostgreSQL process, and the machine's
     * busy and total CPU seconds (from {@code /proc}; Linux only).
     */
    private record Cpu(double workers, double bench, double postgres, double busy, double total, long switches) {

        private static final double TICK = 100.0;   // USER_HZ on Linux

        static Cpu sample(List<Process> workers) throws Exception {
            double w = 0;
            for (Process p : workers) {
                w += seconds(Path.of("/proc", Long.toString(p.pid()), "stat"));
            }
            double pg = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path d : (Iterable<Path>) procs::iterator) {
                    if (d.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        try {
                            if (Files.readString(d.resolve("comm")).trim().equals("postgres")) {
                                pg += seconds(d.resolve("stat"));
                            }
                        } catch (java.io.IOException gone) {
                            // a process that ended while we looked
                        }
                    }
                }
            }
            String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double total = 0;
            for (int i = 1; i < all.length && i <= 8; i++) {
                total += Long.parseLong(all[i]);
            }
            double idle = Long.parseLong(all[4]) + Long.parseLong(all[5]);
            long switches = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("ctxt "))
                    .mapToLong(l -> Long.parseLong(l.substring(5).trim())).findFirst().orElse(0);
            return new Cpu(w, seconds(Path.of("/proc/self/stat")), pg, (total - idle) / TICK, total / TICK, switches);
        }

        /** CPU seconds of the workers' threads, summed by thread name with its numbers left out. */
        static Map<String, Double> threads(List<Process> workers) {
            Map<String, Double> out = new java.util.TreeMap<>();
            for (Process p : workers) {
                try (var tasks = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
                    for (Path t : (Iterable<Path>) tasks::iterator) {
                        try {
                            String name = Files.readString(t.resolve("comm")).trim().replaceAll("\\d+", "#");
                            out.merge(name, seconds(t.resolve("stat")), Double::sum);
                        } catch (java.io.IOException gone) {
                            // a thread that ended while we looked
                        }
                    }
                } catch (java.io.IOException gone) {
                    // the worker ended
                }
            }
            return out;
        }

        /** utime + stime of one process (fields 14 and 15 of its stat line, after the command in parentheses). */
        private static double seconds(Path stat) throws java.io.IOException {
            String line = Files.readString(stat);
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK;
        }

        Cpu minus(Cpu before) {
            return new Cpu(workers - before.workers, bench - before.bench, postgres - before.postgres,
                    busy - before.busy, total - before.total, switches - before.switches);
        }
    }

    /** The benchmark's world: config, workers and the store's counters. */
    private record Bench(Path dir, StoreUrl store, PowerOfficeSimulator po, ZohoSimulator zoho, int connections) {

        /** Starts {@code n} workers on a config with tolk's PowerOffice pacing on or off (full JIT, unlike the tests). */
        List<Process> workers(int n, boolean limits) throws Exception {
            po.setLimitsEnforced(limits);
            zoho.setLimitsEnforced(limits);
            Files.writeString(dir.resolve("tolk.yaml"), config(limits));
            List<Process> out = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx2g", "-cp", absoluteClassPath(),
                        Main.class.getName(), "run", "--cluster", "--lease", LEASE, "--worker", "w" + i, "--threads",
                        System.getenv().getOrDefault("TOLK_BENCH_THREADS", "4"))
                        .directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("worker-w" + i + ".log").toFile());
                pb.environment().putAll(Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV, LocalPostgres.PASSWORD));
                out.add(pb.start());
            }
            return out;
        }

        /** This JVM's class path with every entry made absolute, since the workers run in the temp folder. */
        static String absoluteClassPath() {
            return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                    .map(e -> Path.of(e).toAbsolutePath().toString())
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }

        String config(boolean limits) {
            StringBuilder c = new StringBuilder("store: " + store.jdbcUrl() + "\nsync:\n  interval: 1s\nserver:\n  port: 0\n"
                    + "connections:\n");
            List<PowerOfficeCredentials> clients = po.tenantCredentials();
            List<ZohoCredentials> orgs = zoho.tenantCredentials();
            String poUrl = po.baseUrl().replaceAll("/$", "");
            String zohoUrl = zoho.baseUrl().replaceAll("/$", "");
            for (int i = 0; i < connections; i++) {
                c.append(TenantConnection.yaml("c" + i, poUrl, clients.get(i), zohoUrl, orgs.get(i), !limits));
            }
            return c.toString();
        }

        /** Runs one measured phase and prints its line; returns its cycles per minute. */
        double phase(boolean limits, int n, int window) throws Exception {
            long start = System.currentTimeMillis();
            int tokensBefore = po.issuedAccessTokens().size();
            List<Process> workers = workers(n, limits);
            awaitReleasedAtLeast(1, start, 600);   // every connection claimed once: started
            awaitWarm(n, tokensBefore, start);
            awaitCompiled(workers, start);
            long throttledBefore = throttled();
            try (Connection c = admin(store); Statement s = c.createStatement()) {
                s.execute("SELECT public.pg_stat_statements_reset()");
            }
            long[] callsBefore = calls();
            Cpu cpuBefore = Cpu.sample(workers);
            Map<String, Double> threadsBefore = Cpu.threads(workers);
            long from = System.currentTimeMillis();
            Thread.sleep(window * 1000L);
            long to = System.currentTimeMillis();
            Cpu cpu = Cpu.sample(workers).minus(cpuBefore);
            Map<String, Double> threadCpu = Cpu.threads(workers);
            long[] callsAfter = calls();
            threadsBefore.forEach((k, v) -> threadCpu.merge(k, -v, Double::sum));
            long statements;
            long scheduler;
            long cycles;
            try (Connection c = admin(store); Statement s = c.createStatement()) {
                statements = single(s, "SELECT coalesce(sum(calls), 0) FROM public.pg_stat_statements"
                        + " WHERE query NOT ILIKE '%pg_stat_statements%'");
                scheduler = single(s, "SELECT coalesce(sum(calls), 0) FROM public.pg_stat_statements"
                        + " WHERE query ILIKE '%tolk_scheduled_tasks%'");
                cycles = single(s, "SELECT count(*) FROM tolk_claim_log WHERE event = 'released' AND at_time >= " + from
                        + " AND at_time < " + to);
            }
            long heap = 0;
            long rss = 0;
            for (Process w : workers) {
                heap += heapUsedAfterGc(w.pid());
                rss += rssKib(w.pid());
            }
            double perMinute = cycles * 60_000.0 / (to - from);
            System.out.printf(Locale.ROOT, "limits %-3s %d worker%s  %10.0f  %16.1f  %10.1f  %13.1f  %21.0f  %4d%n",
                    limits ? "on" : "off", n, n == 1 ? " " : "s", perMinute,
                    cycles == 0 ? 0.0 : (double) statements / cycles, cycles == 0 ? 0.0 : (double) scheduler / cycles,
                    heap / 1024.0 / connections, rss / 1024.0, throttled() - throttledBefore);
            if (cycles > 0) {
                System.out.printf(Locale.ROOT, "    CPU ms per cycle: workers %.1f, simulators %.1f, PostgreSQL %.1f;"
                                + " machine busy %.0f%% of %d cores%n",
                        cpu.workers() * 1000.0 / cycles, cpu.bench() * 1000.0 / cycles, cpu.postgres() * 1000.0 / cycles,
                        100.0 * cpu.busy() / cpu.total(), Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "    per cycle: %.2f PowerOffice and %.2f Zoho requests, %.0f context switches (machine)%n",
                        (double) (callsAfter[0] - callsBefore[0]) / cycles, (double) (callsAfter[1] - callsBefore[1]) / cycles,
                        (double) cpu.switches() / cycles);
                StringBuilder top = new StringBuilder("    workers' CPU by thread:");
                threadCpu.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                        .forEach(e -> top.append(String.format(Locale.ROOT, " %s %.0f%%,", e.getKey(),
                                100.0 * e.getValue() / Math.max(0.01, cpu.workers()))));
                System.out.println(top.substring(0, top.length() - 1));
            }
            stop(workers);
            return perMinute;
        }

        /**
         * Waits (at most five minutes from {@code start}) until every worker holds a PowerOffice token
         * for every connection: a worker's first cycle of a connection fetches one (from the shared budget) and
         * builds the connection's clients, a cost of start-up that later cycles do not pay (tokens last 20 minutes).
         * Measuring before that would count n workers' start-up against the steady state.
         */
        void awaitWarm(int n, int tokensBefore, long start) throws Exception {
            while (po.issuedAccessTokens().size() - tokensBefore < n * connections
                    && System.currentTimeMillis() - start < WARM_UP_LIMIT_S * 1000L) {
                Thread.sleep(1000);
            }
            System.out.printf(Locale.ROOT, "    warm after %.0f s: %d PowerOffice tokens for %d connections on %d worker%s%n",
                    (System.currentTimeMillis() - start) / 1e3, po.issuedAccessTokens().size() - tokensBefore,
                    connections, n, n == 1 ? "" : "s");
        }

        /**
         * Waits (at most ten minutes from {@code start}) until the workers' JIT compiler threads spent less than
         * {@value #COMPILING_SETTLED_PERCENT}% of the workers' CPU over the last 10 s: n fresh JVMs compile the same
         * code n times, a start-up cost that a long-running worker has paid long before.
         */
        void awaitCompiled(List<Process> workers, long start) throws Exception {
            double share;
            do {
                Cpu before = Cpu.sample(workers);
                double compilingBefore = compiling(Cpu.threads(workers));
                Thread.sleep(10_000);
                double spent = Cpu.sample(workers).minus(before).workers();
                share = 100.0 * (compiling(Cpu.threads(workers)) - compilingBefore) / Math.max(0.01, spent);
            } while (share >= COMPILING_SETTLED_PERCENT && System.currentTimeMillis() - start < 2 * WARM_UP_LIMIT_S * 1000L);
            System.out.printf(Locale.ROOT, "    compiled after %.0f s: JIT threads %.1f%% of the workers' CPU in the last 10 s%n",
                    (System.currentTimeMillis() - start) / 1e3, share);
        }

        private static double compiling(Map<String, Double> threads) {
            return threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        /** Requests the simulators served, PowerOffice and Zoho, over the benchmark's tenants. */
        long[] calls() {
            long p = 0;
            for (PowerOfficeCredentials c : po.tenantCredentials().subList(0, connections)) {
                p += po.counters(c.clientKey()).reads() + po.counters(c.clientKey()).writes();
            }
            long z = 0;
            for (ZohoCredentials o : zoho.tenantCredentials().subList(0, connections)) {
                z += zoho.counters(o.refreshToken()).reads() + zoho.counters(o.refreshToken()).writes();
            }
            return new long[]{p, z};
        }

        long throttled() {
            long t = 0;
            for (PowerOfficeCredentials c : po.tenantCredentials().subList(0, connections)) {
                t += po.counters(c.clientKey()).throttledCount();
            }
            for (ZohoCredentials z : zoho.tenantCredentials().subList(0, connections)) {
                t += zoho.counters(z.refreshToken()).throttledCount();
            }
            return t;
        }

        void awaitReleasedAtLeast(int times, long since, int timeoutSeconds) throws Exception {
            long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
            while (System.currentTimeMillis() < deadline) {
                try (Connection c = admin(store); Statement s = c.createStatement()) {
                    long done = single(s, "SELECT count(*) FROM (SELECT connection_name FROM tolk_claim_log WHERE event ="
                            + " 'released' AND at_time >= " + since + " GROUP BY connection_name HAVING count(*) >= " + times
                            + ") t");
                    if (done >= connections) {
                        return;
                    }
                } catch (java.sql.SQLException notYet) {
                    // the claim log is created by the first worker
                }
                Thread.sleep(1000);
            }
            throw new IllegalStateException("not every connection released " + times + " claims in " + timeoutSeconds
                    + " s; see the worker logs in " + dir);
        }

        void stop(List<Process> workers) throws Exception {
            for (Process w : workers) {
                w.destroy();   // SIGTERM: a clean stop hands the connections over at once
            }
            for (Process w : workers) {
                if (!w.waitFor(60, TimeUnit.SECONDS)) {
                    w.destroyForcibly();
                }
            }
        }

        private static long single(Statement s, String sql) throws Exception {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** Heap in use after a full GC, in bytes, from {@code jcmd GC.heap_info}'s "used" figure. */
        private static long heapUsedAfterGc(long pid) throws Exception {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            Process info = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                    .start();
            String out = new String(info.getInputStream().readAllBytes());
            info.waitFor(60, TimeUnit.SECONDS);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
        }

        private static long rssKib(long pid) throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        }
    }
}
