package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dry run's store holds what a cycle reads, not the store's whole history. */
class ScratchCopyTest {

    private final EngineHarness h = new EngineHarness();

    @Test
    void theCopyLeavesOutConflictsAndSettledIntentsButKeepsWhatACycleReads() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.sync();
        Instant t = h.clock.instant();
        RecordRef source = new RecordRef("poweroffice", "CompanyCustomer", "1");
        String entity = h.db().entities().get(0).id();
        for (int i = 0; i < 500; i++) {
            h.db().putConflict(new Conflict(0, entity, "F1", "organization.phone", "poweroffice", "1", "zoho", "2",
                    "newer", t, false));
        }
        h.db().putIntent(new CreateIntent("done-1", source, "zoho", "Accounts", entity, Map.of(), t, IntentState.DONE, "9001"));
        h.db().putIntent(new CreateIntent("pending-1", source, "zoho", "Accounts", entity, Map.of(), t,
                IntentState.PENDING, null));

        ConnectionStore copy = ScratchCopy.of(h.db(), h.mapping, h.clock);

        assertThat(copy.conflicts(10)).isEmpty();
        assertThat(copy.intents(IntentState.DONE)).isEmpty();
        assertThat(copy.intents(IntentState.PENDING)).extracting(CreateIntent::key).containsExactly("pending-1");
        assertThat(copy.links()).isEqualTo(h.db().links());
        assertThat(copy.entities()).isEqualTo(h.db().entities());
        assertThat(copy.snapshots("zoho", "Accounts")).isEqualTo(h.db().snapshots("zoho", "Accounts"));
        assertThat(copy.checkpoint("zoho", "Accounts")).isEqualTo(h.db().checkpoint("zoho", "Accounts"));
        assertThat(copy.mappingFingerprint()).isEqualTo(h.db().mappingFingerprint());
    }
}
