package io.tolk.zoho;

import io.tolk.api.CreateRequest;
import io.tolk.api.ReadSummary;
import io.tolk.api.WriteResult;
import io.tolk.api.http.RetryPolicy;
import io.tolk.api.http.Sleeper;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.zoho.ZohoSimulator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Throughput of the Zoho connector against the simulator over real HTTP: {@code n} (default 100 000) Accounts
 * created in batches of 100 (1 000 create calls, one thread, as the engine drives one connection), then read back
 * with a full scan (per_page 200, page_token). Run once with the simulator's limits off and once with them on
 * (Standard edition: 50 000 credits per 24 h, 10 concurrent calls; the connector's credit budget and concurrency
 * limit configured to match). The limits-on run then creates from 16 threads at once (one connector each, same org)
 * and reports what was achieved against what the edition allows: the most calls in flight at once against the
 * concurrency limit, and the credits spent against the day's budget. A sampler looks at every thread every 20 ms
 * and says where the time goes. Not part of the test suite. Run from the repository root:
 * <pre>
 * mvn -q -o -pl tolk-api,tolk-simulators,tolk-zoho test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp tolk-zoho/target/test-classes:tolk-zoho/target/classes:$(cat tolk-zoho/target/cp.txt) \
 *     io.tolk.zoho.ZohoBenchmark [records]
 * </pre>
 */
public final class ZohoBenchmark {

    private ZohoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        run("warm-up (not measured)", 20_000, true, false);
        run("limits off (noLimits)", n, true, true);
        run("limits on (Standard: 50 000 credits/24 h, 10 concurrent)", n, false, true);
    }

    private static void run(String title, int n, boolean noLimits, boolean print) throws Exception {
        try (ZohoSimulator sim = ZohoSimulator.start(SimOptions.defaults().withNoLimits(noLimits))) {
            URI base = URI.create(sim.baseUrl());
            ZohoSettings settings = ZohoSettings.of(base, base, "demo-client", "demo-secret", "demo-refresh", ZohoEdition.STANDARD)
                    .withRetryPolicy(RetryPolicy.defaults())
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));
            if (noLimits) {
                settings = settings.withLimits(10_000_000, 25);
            }
            try (ZohoConnector c = new ZohoConnector(settings, Clock.systemUTC(), Sleeper.SYSTEM)) {
                c.checkAccess();
                c.fieldRules("Accounts");

                Sampler createSampler = new Sampler();
                long t0 = System.nanoTime();
                int failed = 0;
                for (int call = 0; call < n / 100; call++) {
                    List<CreateRequest> batch = new ArrayList<>(100);
                    for (int i = 0; i < 100; i++) {
                        int k = call * 100 + i;
                        Map<String, String> f = new LinkedHashMap<>();
                        f.put("Account_Name", "Bench " + k + " AS");
                        f.put("Phone", "+47 22 " + (100000 + k));
                        f.put("Billing_City", "Oslo");
                        f.put("Billing_Code", String.format("%04d", k % 10_000));
                        batch.add(new CreateRequest("bench-" + k, f));
                    }
                    for (WriteResult r : c.writer("Accounts").create(batch)) {
                        if (!r.succeeded()) {
                            failed++;
                        }
                    }
                }
                double createSeconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Integer> createWhere = createSampler.stop();

                Sampler readSampler = new Sampler();
                long t1 = System.nanoTime();
                long[] count = {0};
                ReadSummary s = c.reader("Accounts").readAll(Set.of("Account_Name", "Phone", "Billing_City", "Billing_Code"),
                        page -> count[0] += page.size());
                double readSeconds = (System.nanoTime() - t1) / 1e9;
                Map<String, Integer> readWhere = readSampler.stop();

                if (print) {
                    System.out.printf("%n== %s, %d records ==%n", title, n);
                    System.out.printf("create: %d records in %.2f s = %.0f records/s (%d calls of 100, %d failed)%n",
                            n, createSeconds, n / createSeconds, n / 100, failed);
                    System.out.println("  where the time goes (thread samples): " + createWhere);
                    System.out.printf("full read: %d records in %.2f s = %.0f records/s (%d pages, complete=%s)%n",
                            count[0], readSeconds, count[0] / readSeconds, s.pages(), s.complete());
                    System.out.println("  where the time goes (thread samples): " + readWhere);
                    System.out.println("usage: " + c.usage());
                }
                if (print && !noLimits) {
                    int alone = c.peakConcurrentCalls();
                    Concurrent many = createConcurrently(settings, 16, Math.max(32, n / 400));
                    System.out.printf("concurrent creates: %d threads, one connector each (same org, so one shared limiter), "
                                    + "%d calls of 100 in %.2f s = %.0f records/s, %d failed%n",
                            many.threads, many.calls, many.seconds, many.calls * 100 / many.seconds, many.failed);
                    long credits = sim.creditsUsed();
                    System.out.printf("achieved vs allowed: concurrent calls peak %d of %d allowed (%d with one thread); "
                                    + "credits %d of the %d-a-day budget (%.1f %%); Zoho's 429s %d%n",
                            c.peakConcurrentCalls(), settings.concurrency(), alone, credits, settings.creditBudget(),
                            100.0 * credits / settings.creditBudget(), sim.counters().throttledCount());
                }
            }
        }
    }

    private record Concurrent(int threads, int calls, double seconds, int failed) {
    }

    /** {@code calls} create calls of 100 records shared out among {@code threads} threads, each with its own connector. */
    private static Concurrent createConcurrently(ZohoSettings settings, int threads, int calls) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<ZohoConnector> connectors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ZohoConnector c = new ZohoConnector(settings, Clock.systemUTC(), Sleeper.SYSTEM);
            c.fieldRules("Accounts");
            connectors.add(c);
        }
        long t0 = System.nanoTime();
        for (ZohoConnector c : connectors) {
            Thread w = new Thread(() -> {
                for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                    List<CreateRequest> batch = new ArrayList<>(100);
                    for (int i = 0; i < 100; i++) {
                        int k = call * 100 + i;
                        batch.add(new CreateRequest("many-" + k, Map.of("Account_Name", "Many " + k + " AS",
                                "Billing_City", "Bergen")));
                    }
                    try {
                        c.writer("Accounts").create(batch).stream().filter(r -> !r.succeeded()).forEach(r -> failed.incrementAndGet());
                    } catch (RuntimeException e) {
                        failed.addAndGet(100);
                    }
                }
            }, "creator-" + workers.size());
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        connectors.forEach(ZohoConnector::close);
        return new Concurrent(threads, calls, seconds, failed.get());
    }

    /** Samples every thread's stack every 20 ms and counts runnable samples by where they are. */
    private static final class Sampler {
        /** JVM threads that always show RUNNABLE while blocked natively. */
        private static final Set<String> JVM_IDLE = Set.of("Reference Handler", "Signal Dispatcher", "Finalizer",
                "Common-Cleaner", "Attach Listener");

        private final Map<String, Integer> counts = new TreeMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Sampler() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            long[] sampler = new long[1];
            thread = new Thread(() -> {
                sampler[0] = Thread.currentThread().getId();
                while (running.get()) {
                    for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
                        if (t.getThreadId() == sampler[0] || JVM_IDLE.contains(t.getThreadName())) {
                            continue;
                        }
                        if (t.getThreadState() != Thread.State.RUNNABLE || t.getStackTrace().length == 0) {
                            if (t.getThreadId() == self) {
                                bump("connector thread: waiting for the response");
                            }
                            continue;
                        }
                        bump(classify(t, t.getThreadId() == self));
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private static String classify(ThreadInfo t, boolean connectorThread) {
            StackTraceElement top = t.getStackTrace()[0];
            String topName = top.getClassName() + "." + top.getMethodName();
            if (topName.contains("EPoll") || topName.contains("accept") || topName.contains("Net.poll")
                    || topName.contains("select") || topName.contains("Unsafe.park")) {
                return null; // idle, waiting for work
            }
            if (top.getClassName().startsWith("sun.nio.ch") || top.getClassName().startsWith("java.net")) {
                return "socket reads and writes (kernel)";
            }
            String prefix = connectorThread ? "connector thread: " : "";
            boolean sim = false;
            boolean jackson = false;
            boolean zoho = false;
            boolean jdkServer = false;
            for (StackTraceElement e : t.getStackTrace()) {
                String c = e.getClassName();
                sim |= c.startsWith("io.tolk.sim");
                zoho |= c.startsWith("io.tolk.zoho") || c.startsWith("io.tolk.api");
                jackson |= c.startsWith("com.fasterxml.jackson");
                jdkServer |= c.startsWith("sun.net.httpserver");
            }
            if (sim) {
                return "simulator" + (jackson ? " (JSON)" : " (records, validation)");
            }
            if (connectorThread || zoho) {
                return prefix + (jackson ? "connector JSON" : "connector other");
            }
            if (jdkServer) {
                return "simulator's JDK HTTP server (parsing, writing)";
            }
            if (t.getThreadName().startsWith("HttpClient")) {
                return "java.net.http client";
            }
            if (t.getThreadName().contains("sampler")) {
                return null;
            }
            return "other (" + t.getThreadName().replaceAll("[-\\d]+$", "") + ")";
        }

        private void bump(String key) {
            if (key != null) {
                counts.merge(key, 1, Integer::sum);
            }
        }

        Map<String, Integer> stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return counts;
        }
    }
}
