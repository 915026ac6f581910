package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.ProgressListener;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.time.Instant;
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
    private final ConnectionStore store;
    private final Map<String, Connector> connectors;
    private final Mapping mapping;
    private final ProgressListener progress;
    private final Instant now;
    private final Map<RecordRef, Snapshot> snapshots;
    private final Map<RecordRef, Link> links;
    private final Set<String> touched;
    private final Map<String, long[]> counts;
    private final Map<String, Checkpoint> nextCheckpoints;

    ReadAndStage(CycleState state) {
        this.state = state;
        this.store = state.store;
        this.connectors = state.connectors;
        this.mapping = state.mapping;
        this.progress = state.progress;
        this.now = state.now;
        this.snapshots = state.snapshots;
        this.links = state.links;
        this.touched = state.touched;
        this.counts = state.counts;
        this.nextCheckpoints = state.nextCheckpoints;
    }

    /** What one read delivered. */
    record ReadResult(String system, String type, ReadSummary summary, Set<String> delivered) {
    }

    Map<RecordRef, ReadResult> readAll() {
        Map<RecordRef, ReadResult> out = new LinkedHashMap<>();
        for (RecordRef t : boundTypes(mapping)) {
            ReadResult r = read(t.system(), t.type());
            out.put(t, r);
            for (Flow f : mapping.flowsFor(t.system(), t.type())) {
                counts.get(f.id())[READ] += r.delivered().size();
            }
        }
        return out;
    }

    private ReadResult read(String system, String type) {
        Connector connector = connectors.get(system);
        RecordReader reader = connector.reader(type);
        Set<String> fields = state.fieldsToRead(system, type);
        Set<String> delivered = new HashSet<>();
        String phase = "read " + system + "/" + type;
        ReadSummary summary;
        java.util.function.Consumer<List<SourceRecord>> stage = page -> {
            store.inTransaction(tx -> {
                for (SourceRecord r : page) {
                    delivered.add(r.id());
                    stage(tx, r);
                }
            });
            progress.progress(phase, delivered.size(), -1);
        };
        if (ZOHO.equals(system)) {
            Checkpoint since = store.checkpoint(system, type);
            summary = reader.readChanges(since, fields, stage::accept);
        } else {
            summary = reader.readAll(fields, stage::accept);
        }
        if (summary.next() != null) {
            nextCheckpoints.put(system + "\u0000" + type, summary.next());
        }
        return new ReadResult(system, type, summary, delivered);
    }

    void stage(ConnectionStore tx, SourceRecord r) {
        String hash = RecordHash.of(r);
        Snapshot old = snapshots.get(r.ref());
        if (old == null || !old.hash().equals(hash)) {
            Snapshot s = new Snapshot(r.ref(), hash, r.fields(), r.modifiedAt(), r.fieldModifiedAt(), false, null);
            tx.putSnapshot(s);
            snapshots.put(r.ref(), s);
        }
        Link link = links.get(r.ref());
        if (link != null && link.state() == LinkState.DELETED_IN_SOURCE) {
            Link restored = link.withState(LinkState.ACTIVE);
            tx.putLink(restored);
            tx.appendActivity(new Activity(r.ref(), now, "restored", "the record is back; linked again"));
            state.putLinkInMemory(restored);
            touched.add(link.entityId());
            state.record(new Change(ChangeKind.RESTORED, state.flowOf(link.entityId()), r.ref(), r.ref().system(), r.ref().type(),
                    null, List.of(), "the record is back (same id) and linked again"));
        }
    }
}
