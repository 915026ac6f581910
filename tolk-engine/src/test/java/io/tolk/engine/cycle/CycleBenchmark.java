package io.tolk.engine.cycle;

import io.tolk.engine.testing.EngineHarness;

import java.time.Duration;

/**
 * Measures the engine itself (in-memory store, in-memory connectors; no HTTP, no SQL), as CPU time of the cycle's thread
 * (wall time too, which a busy machine inflates): first sync of N company customers
 * and N/5 person customers, an idle cycle, and a cycle after 1 % of them were edited. Run with
 * {@code java -cp <test classpath> io.tolk.engine.cycle.CycleBenchmark [N]}; not part of the test run.
 */
public final class CycleBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        EngineHarness h = new EngineHarness();
        for (int i = 1; i <= n; i++) {
            h.po.put("CompanyCustomer", String.valueOf(i), "Name", "Firma " + i + " AS", "PhoneNumber", "2200" + i,
                    "MailAddress.City", "Bergen", "MailAddress.ZipCode", "5003", "MailAddress.CountryCode", "NO");
        }
        for (int i = 1; i <= n / 5; i++) {
            h.po.put("PersonCustomer", String.valueOf(n + i), "FirstName", "Kari" + i, "LastName", "Nordmann",
                    "EmailAddress", "kari" + i + "@example.no");
        }
        time("first sync", h, n);
        time("idle cycle", h, n);
        for (int i = 1; i <= n / 100; i++) {
            h.po.edit("CompanyCustomer", String.valueOf(i * 100), "PhoneNumber", "999" + i);
        }
        time("1% edited", h, n);
        time("idle cycle", h, n);
    }

    private static void time(String what, EngineHarness h, int n) {
        long before = h.writeCount();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CycleReport r = h.sync();
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        long cpuMs = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpu0).toMillis();
        System.out.printf("%-12s records=%d writes=%d changes=%d wall %d ms, cpu %d ms%n", what, n + n / 5,
                h.writeCount() - before, r.changes().size(), ms, cpuMs);
    }
}
