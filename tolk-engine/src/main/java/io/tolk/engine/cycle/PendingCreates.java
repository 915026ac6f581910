package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordRef;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.tolk.engine.cycle.CycleState.*;

/**
 * Rule 4: settles the create intents a previous cycle left pending (unknown outcome) before anything is read.
 * A record found by its idempotency key is linked; one not found marks the intent failed.
 */
final class PendingCreates {

    private final CycleState state;
    private final ConnectionStore store;
    private final Map<String, Connector> connectors;
    private final Instant now;
    private final Map<RecordRef, Snapshot> snapshots;
    private final Map<String, Entity> entities;
    private final Set<String> blocked;
    private final Set<String> touched;

    PendingCreates(CycleState state) {
        this.state = state;
        this.store = state.store;
        this.connectors = state.connectors;
        this.now = state.now;
        this.snapshots = state.snapshots;
        this.entities = state.entities;
        this.blocked = state.blocked;
        this.touched = state.touched;
    }

    void resolvePendingIntents() {
        for (CreateIntent intent : store.intents(IntentState.PENDING)) {
            if (!entities.containsKey(intent.entityId())) {
                store.putIntent(intent.with(IntentState.FAILED, null));
                continue;
            }
            RecordWriter writer = connectors.get(intent.system()).writer(intent.type());
            Optional<SourceRecord> found;
            try {
                found = writer.findCreated(new CreateRequest(intent.key(), intent.fields()), intent.createdAt());
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                blocked.add(intent.entityId());
                state.fail(intent.source(), intent.system(), state.flowOf(intent.entityId()),
                        "create " + intent.key() + " has an unknown outcome and could not be looked up: " + e.getMessage());
                continue;
            }
            if (found.isPresent()) {
                SourceRecord r = found.get();
                Link link = new Link(r.ref(), intent.entityId(), LinkState.ACTIVE, r.fields(), intent.fields(),
                        latest(r), false, now);
                Snapshot snap = snapshotOf(r, false);
                store.inTransaction(tx -> {
                    tx.putLink(link);
                    tx.putSnapshot(snap);
                    tx.putIntent(intent.with(IntentState.DONE, r.id()));
                    tx.appendActivity(new Activity(r.ref(), now, "created", "found after an unknown outcome (key " + intent.key() + ")"));
                });
                state.putLinkInMemory(link);
                snapshots.put(snap.ref(), snap);
                touched.add(intent.entityId());
            } else {
                store.putIntent(intent.with(IntentState.FAILED, null));
            }
        }
    }
}
