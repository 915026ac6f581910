package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.InMemoryStore;
import io.tolk.engine.store.IntentState;

import java.time.Clock;

/**
 * A dry run's store: an in-memory copy of what a cycle reads from the real store, so the cycle can run unchanged and
 * the real store is only read. Only that is copied: the bound types' snapshots and checkpoints, entities, links,
 * pending create intents, failures, review items and the mapping fingerprint. Conflicts, settled intents, activity
 * and run history are not: a cycle only ever adds to them.
 */
public final class ScratchCopy {

    private ScratchCopy() {
    }

    public static ConnectionStore of(ConnectionStore real, Mapping mapping, Clock clock) {
        ConnectionStore copy = new InMemoryStore(clock).connection(real.name());
        copy.inTransaction(tx -> {
            for (RecordRef t : SyncCycle.boundTypes(mapping)) {
                real.snapshots(t.system(), t.type()).forEach(tx::putSnapshot);
                copyCheckpoint(real, tx, t.system(), t.type());
                copyCheckpoint(real, tx, t.system(), t.type() + "#deleted");
            }
            real.entities().forEach(tx::putEntity);
            real.links().forEach(tx::putLink);
            real.intents(IntentState.PENDING).forEach(tx::putIntent);
            real.failures().forEach(tx::putFailure);
            real.reviews().forEach(tx::putReview);
            real.mappingFingerprint().ifPresent(tx::putMappingFingerprint);
        });
        return copy;
    }

    private static void copyCheckpoint(ConnectionStore from, ConnectionStore to, String system, String stream) {
        Checkpoint cp = from.checkpoint(system, stream);
        if (!cp.isNone()) {
            to.putCheckpoint(system, stream, cp);
        }
    }
}
