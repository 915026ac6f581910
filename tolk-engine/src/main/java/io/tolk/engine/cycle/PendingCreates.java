package io.tolk.engine.cycle;

import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.util.Optional;

import static io.tolk.engine.cycle.CycleState.*;

/**
 * Rule 4: settles the create intents a previous cycle left pending (unknown outcome) before anything is read.
 * A record found by its idempotency key is linked; one not found marks the intent failed.
 */
final class PendingCreates {

    private final CycleState state;

    PendingCreates(CycleState state) {
        this.state = state;
    }

    void resolvePendingIntents() {
        for (CreateIntent intent : state.store.intents(IntentState.PENDING)) {
            if (!state.entities.containsKey(intent.entityId())) {
                state.store.putIntent(intent.with(IntentState.FAILED, null));
                continue;
            }
            RecordWriter writer = state.connectors.get(intent.system()).writer(intent.type());
            Optional<SourceRecord> found;
            try {
                found = writer.findCreated(new CreateRequest(intent.key(), intent.fields()), intent.createdAt());
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                state.blocked.add(intent.entityId());
                state.fail(intent.source(), intent.system(), state.flowOf(intent.entityId()),
                        "create " + intent.key() + " has an unknown outcome and could not be looked up: " + e.getMessage());
                continue;
            }
            if (found.isPresent()) {
                SourceRecord r = found.get();
                Link link = new Link(r.ref(), intent.entityId(), LinkState.ACTIVE, r.fields(), intent.fields(),
                        latest(r), false, state.now);
                Snapshot snap = snapshotOf(r, false);
                state.store.inTransaction(tx -> {
                    tx.putLink(link);
                    tx.putSnapshot(snap);
                    tx.putIntent(intent.with(IntentState.DONE, r.id()));
                    tx.appendActivity(new Activity(r.ref(), state.now, "created", "found after an unknown outcome (key " + intent.key() + ")"));
                });
                state.putLinkInMemory(link);
                state.snapshots.put(snap.ref(), snap);
                state.touched.add(intent.entityId());
            } else {
                state.store.putIntent(intent.with(IntentState.FAILED, null));
            }
        }
    }
}
