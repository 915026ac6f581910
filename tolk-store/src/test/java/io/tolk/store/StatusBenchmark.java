package io.tolk.store;

import io.tolk.api.RecordRef;
import io.tolk.engine.EngineStatus;
import io.tolk.engine.SyncEngine;
import io.tolk.engine.policy.SyncOptions;
import io.tolk.engine.testing.StandardMapping;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.testing.FakeConnector;
import io.tolk.engine.testing.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long {@code tolk status} takes on a store of 10 000 linked companies (20 000 links and snapshots, 500 failures,
 * 5 000 conflicts). Excluded from the default run; run with {@code mvn -pl tolk-store test -Dtest=StatusBenchmark
 * -Dtolk.benchmark.exclude=none -Dsurefire.failIfNoSpecifiedTests=false}. Prints one line per store.
 */
@Tag("benchmark")
class StatusBenchmark {

    private static final int ENTITIES = 10_000;
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void sqlite() {
        run("sqlite", StoreUrl.parse("sqlite:status.db", dir, Map.of()));
    }

    @Test
    void postgresql() {
        run("postgresql", LocalPostgres.shared().newDatabase());
    }

    private static void run(String label, StoreUrl url) {
        TestClock clock = new TestClock();
        try (JdbcStore store = JdbcStore.open(url, clock)) {
            ConnectionStore db = store.connection("default");
            fill(db);
            SyncEngine engine = new SyncEngine("default", store, java.util.List.of(FakeConnector.poweroffice(clock),
                    FakeConnector.zoho(clock)), StandardMapping.defaults(), SyncOptions.defaults(), clock);
            EngineStatus status = engine.status();   // warm-up
            int runs = 5;
            long t = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                status = engine.status();
            }
            double ms = (System.nanoTime() - t) / 1e6 / runs;
            assertThat(status.flows().get(0).linked()).isEqualTo(ENTITIES);
            System.out.printf("StatusBenchmark %-10s status over %d linked entities: %.1f ms%n", label, ENTITIES, ms);
        }
    }

    private static void fill(ConnectionStore db) {
        for (int from = 0; from < ENTITIES; from += 1000) {
            int start = from;
            db.update(tx -> {
                for (int i = start; i < start + 1000; i++) {
                    String e = "e" + i;
                    RecordRef po = new RecordRef("poweroffice", "CompanyCustomer", String.valueOf(i));
                    RecordRef z = new RecordRef("zoho", "Accounts", String.valueOf(9_000_000 + i));
                    tx.putEntity(new Entity(e, "organization", "F1", Map.of("organization.name", "Firma " + i), Map.of(), T0, T0));
                    for (RecordRef r : new RecordRef[]{po, z}) {
                        tx.putLink(Link.fresh(r, e, T0));
                        tx.putSnapshot(new Snapshot(r, "h" + i, Map.of("Name", "Firma " + i), T0, Map.of(), true));
                    }
                    if (i % 20 == 0) {
                        tx.putFailure(new Failure(0, po, "zoho", "refused", 1, T0, T0, T0, "h" + i));
                    }
                    if (i % 2 == 0) {
                        tx.putConflict(new Conflict(0, e, "F1", "organization.phone", "poweroffice", "1", "zoho", "2",
                                "newer", T0, false));
                    }
                }
            });
        }
    }
}
