package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tolk.engine.cycle.CycleState.*;
import static io.tolk.engine.cycle.SyncCycle.ZOHO;
import static io.tolk.engine.cycle.SyncCycle.boundTypes;

/**
 * Reads every bound record type and stages what it delivers as unprocessed snapshots, page by page; a record
 * that comes back after being deleted in its source is linked again.
 */
final class ReadAndStage {

    private final CycleState state;

    ReadAndStage(CycleState state) {
        this.state = state;
    }

    /** What one read delivered. */
    record ReadResult(String system, String type, ReadSummary summary, Set<String> delivered) {
    }

    Map<RecordRef, ReadResult> readAll() {
        Map<RecordRef, ReadResult> out = new LinkedHashMap<>();
        for (RecordRef t : boundTypes(state.mapping)) {
            ReadResult r = read(t.system(), t.type());
            out.put(t, r);
            for (Flow f : state.mapping.flowsFor(t.system(), t.type())) {
                state.counts.get(f.id()).add(Count.READ, r.delivered().size());
            }
        }
        return out;
    }

    private ReadResult read(String system, String type) {
        Connector connector = state.connectors.get(system);
        RecordReader reader = connector.reader(type);
        Set<String> fields = state.fieldsToRead(system, type);
        Set<String> delivered = new HashSet<>();
        String phase = "read " + system + "/" + type;
        ReadSummary summary;
        java.util.function.Consumer<List<SourceRecord>> stage = page -> {
            state.store.inTransaction(tx -> {
                for (SourceRecord r : page) {
                    delivered.add(r.id());
                    stage(tx, r);
                }
            });
            state.progress.progress(phase, delivered.size(), -1);
        };
        if (ZOHO.equals(system)) {
            Checkpoint since = state.store.checkpoint(system, type);
            summary = reader.readChanges(since, fields, stage::accept);
        } else {
            summary = reader.readAll(fields, stage::accept);
        }
        if (summary.next() != null) {
            state.nextCheckpoints.put(system + "\u0000" + type, summary.next());
        }
        return new ReadResult(system, type, summary, delivered);
    }

    void stage(ConnectionStore tx, SourceRecord r) {
        String hash = RecordHash.of(r);
        Snapshot old = state.snapshots.get(r.ref());
        if (old == null || !old.hash().equals(hash)) {
            Snapshot s = new Snapshot(r.ref(), hash, r.fields(), r.modifiedAt(), r.fieldModifiedAt(), false, null);
            tx.putSnapshot(s);
            state.snapshots.put(r.ref(), s);
        }
        Link link = state.links.get(r.ref());
        if (link != null && link.state() == LinkState.DELETED_IN_SOURCE) {
            Link restored = link.withState(LinkState.ACTIVE);
            tx.putLink(restored);
            tx.appendActivity(new Activity(r.ref(), state.now, "restored", "the record is back; linked again"));
            state.putLinkInMemory(restored);
            state.touched.add(link.entityId());
            state.record(new Change(ChangeKind.RESTORED, state.flowOf(link.entityId()), r.ref(), r.ref().system(), r.ref().type(),
                    null, List.of(), "the record is back (same id) and linked again"));
        }
    }
}
