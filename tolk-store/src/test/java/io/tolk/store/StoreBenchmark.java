package io.tolk.store;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.testing.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of what a cycle asks of the store, on SQLite (and PostgreSQL where installed). Excluded from the default
 * run; run with {@code mvn -pl tolk-store -am test -Dtest=StoreBenchmark -Dtolk.benchmark.exclude=none
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints one line per measurement.
 */
@Tag("benchmark")
class StoreBenchmark {

    private static final int RECORDS = 10_000;
    private static final int BATCH = 500;
    private static final int SINGLE = 500;
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void sqlite() {
        run("sqlite", StoreUrl.parse("sqlite:bench.db", dir, Map.of()));
    }

    @Test
    void postgresql() {
        run("postgresql", LocalPostgres.shared().newDatabase());
    }

    private static void run(String label, StoreUrl url) {
        try (JdbcStore store = JdbcStore.open(url, new TestClock())) {
            ConnectionStore db = store.connection("bench");

            long t = System.nanoTime();
            for (int from = 0; from < RECORDS; from += BATCH) {
                int start = from;
                db.update(tx -> {
                    for (int i = start; i < start + BATCH; i++) {
                        tx.putSnapshot(snapshot(i));
                        tx.putLink(Link.fresh(ref("zoho", i), "e" + i, T0).withLastSeen(fields(i)));
                    }
                });
            }
            report(label, "stage snapshot+link, transactions of " + BATCH, RECORDS, t);

            t = System.nanoTime();
            for (int i = RECORDS; i < RECORDS + SINGLE; i++) {
                db.putSnapshot(snapshot(i));
            }
            report(label, "stage snapshot, one transaction each", SINGLE, t);

            t = System.nanoTime();
            int n = db.snapshots("poweroffice", "CompanyCustomer", null, Integer.MAX_VALUE).size();
            report(label, "read all snapshots of a type", n, t);
            assertThat(n).isEqualTo(RECORDS + SINGLE);

            t = System.nanoTime();
            n = db.links(null, Integer.MAX_VALUE).size();
            report(label, "read all links", n, t);

            t = System.nanoTime();
            for (int i = 0; i < SINGLE; i++) {
                db.snapshot(ref("poweroffice", i * 7 % RECORDS)).orElseThrow();
            }
            report(label, "look up one snapshot by ref", SINGLE, t);
        }
    }

    private static void report(String label, String what, int count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("BENCHMARK %-10s %-45s %6d in %7.3f s = %9.0f /s%n", label, what, count, seconds, count / seconds);
    }

    private static RecordRef ref(String system, int i) {
        return system.equals("zoho") ? new RecordRef("zoho", "Accounts", "4400000" + i)
                : new RecordRef("poweroffice", "CompanyCustomer", String.valueOf(1_000_000 + i));
    }

    private static Map<String, String> fields(int i) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Name", "Fjellvind " + i + " AS");
        f.put("PhoneNumber", "+47 22 33 " + (1000 + i % 9000));
        f.put("WebsiteUrl", null);
        f.put("MailAddress.City", "Oslo");
        f.put("MailAddress.ZipCode", "0150");
        f.put("MailAddress.CountryCode", "NO");
        f.put("IsArchived", "false");
        return f;
    }

    private static Snapshot snapshot(int i) {
        return new Snapshot(ref("poweroffice", i), "hash-" + i, fields(i), T0, Map.of("MailAddress.City", T0.minusSeconds(i)), false);
    }
}
