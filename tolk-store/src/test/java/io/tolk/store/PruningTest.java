package io.tolk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Pruned;
import io.tolk.engine.store.Retention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning a history larger than one of its transactions, on an SQLite file. */
class PruningTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aHistoryLargerThanOneTransactionIsPrunedWindowByWindowAndTheDryRunCountedIt() {
        int records = Pruning.PAGE + 100;
        int linesEach = 40;
        try (JdbcStore store = JdbcStore.open(StoreUrl.parse("sqlite:tolk.db", dir, Map.of()), Clock.systemUTC())) {
            ConnectionStore db = store.connection("acme");
            ChangeSet.Builder lines = ChangeSet.builder();
            for (int r = 0; r < records; r++) {
                RecordRef ref = new RecordRef("zoho", "Accounts", String.format("%05d", r));
                for (int i = 0; i < linesEach; i++) {
                    lines.activity(new Activity(ref, T0.plusSeconds(3600L * i), ActivityKind.UPDATED, "v" + i));
                }
            }
            db.apply(lines.build());
            RecordRef failing = new RecordRef("zoho", "Accounts", "00007");
            db.putFailure(new Failure(0, failing, "poweroffice", "refused", 2, T0, T0, T0, "h"));
            assertThat((long) records * linesEach).isGreaterThan(2L * Pruning.ACTIVITY_WINDOW);
            // lines v0-v19 are older than the cut-off, and v0-v14 are beyond the newest 25 a record keeps
            Retention retention = new Retention(null, T0.plusSeconds(3600L * 20), 25);

            Pruned counted = db.prunable(retention);
            Pruned pruned = db.prune(retention);

            long expected = (long) (records - 1) * 20 + 15;
            assertThat(counted.activity()).isEqualTo(expected);
            assertThat(pruned).isEqualTo(counted);
            assertThat(db.activity(new RecordRef("zoho", "Accounts", "00300"), 100)).hasSize(20)
                    .first().extracting(Activity::detail).isEqualTo("v39");
            assertThat(db.activity(failing, 100)).as("a failing record keeps its old lines, but only its newest 25").hasSize(25);
            assertThat(db.prunable(retention)).isEqualTo(Pruned.NOTHING);
        }
    }
}
