package io.tolk.app.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.api.RecordRef;
import io.tolk.app.config.HousekeepingConfig;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.InMemoryStore;
import io.tolk.engine.store.Pruned;
import io.tolk.engine.store.RunOutcome;
import io.tolk.engine.store.RunRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the service's daily housekeeping does with a store that holds several connections. */
class HousekeepingTest {

    private static final Instant NOW = Instant.parse("2026-12-03T03:00:00Z");
    private static final RecordRef PO_1 = new RecordRef("poweroffice", "CompanyCustomer", "1");

    private static void fill(ConnectionStore db, Instant at) {
        db.addRun(new RunRecord(0, at, at, Map.of(), Map.of(), RunOutcome.OK, null));
        db.addRun(new RunRecord(0, at, at, Map.of(), Map.of(), RunOutcome.OK, null));
        db.appendActivity(new Activity(PO_1, at, ActivityKind.UPDATED, "Name: A -> B"));
    }

    @Test
    void everyConnectionTheStoreHoldsIsPrunedByTheDefaultsAndEachIsReported() {
        InMemoryStore store = new InMemoryStore();
        fill(store.connection("fjellvind"), NOW.minus(Duration.ofDays(400)));
        fill(store.connection("havbris"), NOW.minus(Duration.ofDays(100)));

        Housekeeping.Report report = Housekeeping.run(store, HousekeepingConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(report.mode()).isEqualTo(Housekeeping.Mode.PRUNE);
        assertThat(report.retention().runsBefore()).isEqualTo(NOW.minus(Duration.ofDays(90)));
        assertThat(report.connections()).containsExactly(
                Map.entry("fjellvind", new Pruned(1, 1, 0, 0)),
                Map.entry("havbris", new Pruned(1, 0, 0, 0)));
        assertThat(report.total()).isEqualTo(new Pruned(2, 1, 0, 0));
        assertThat(store.connection("havbris").activity(PO_1, 10)).hasSize(1);
    }

    @Test
    void aDryRunCountsAndAConnectionTheStoreDoesNotHoldIsLeftOut() {
        InMemoryStore store = new InMemoryStore();
        fill(store.connection("fjellvind"), NOW.minus(Duration.ofDays(400)));

        Housekeeping.Report report = Housekeeping.run(store, List.of("fjellvind", "nordlys"), HousekeepingConfig.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC), Housekeeping.Mode.DRY_RUN);

        assertThat(report.connections()).containsOnlyKeys("fjellvind");
        assertThat(report.total()).isEqualTo(new Pruned(1, 1, 0, 0));
        assertThat(store.connection("fjellvind").runs(10)).hasSize(2);
        assertThat(store.connections()).doesNotContain("nordlys");
    }
}
