package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.ConnectorException;
import io.tolk.api.Deletion;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tolk.engine.cycle.CycleState.*;
import static io.tolk.engine.cycle.SyncCycle.ZOHO;
import static io.tolk.engine.cycle.SyncCycle.boundTypes;

/**
 * Rule 5, detection: records absent from a complete read or listed in a deleted feed are looked up by id;
 * linked records confirmed gone are marked deleted in their source, unlinked ones are forgotten.
 */
final class DeletionDetector {

    private final CycleState state;
    private final ReadAndStage stager;

    DeletionDetector(CycleState state, ReadAndStage stager) {
        this.state = state;
        this.stager = stager;
    }

    void detectDeletions(Map<RecordRef, ReadAndStage.ReadResult> reads) {
        Map<RecordRef, Set<String>> suspects = new LinkedHashMap<>();
        for (Map.Entry<RecordRef, ReadAndStage.ReadResult> e : reads.entrySet()) {
            RecordRef t = e.getKey();
            ReadAndStage.ReadResult r = e.getValue();
            if (!r.summary().complete()) {
                continue;
            }
            List<RecordRef> absent = state.snapshots.keySet().stream()
                    .filter(ref -> ref.system().equals(t.system()) && ref.type().equals(t.type()) && !r.delivered().contains(ref.id()))
                    .sorted(Comparator.comparing(RecordRef::id)).toList();
            for (RecordRef ref : absent) {
                suspect(ref, suspects);
            }
        }
        state.connectors.get(ZOHO).deletedFeed().ifPresent(feed -> {
            for (RecordRef t : boundTypes(state.mapping)) {
                if (!t.system().equals(ZOHO)) {
                    continue;
                }
                String stream = t.type() + "#deleted";
                Checkpoint cp = state.store.checkpoint(ZOHO, stream);
                Instant since = cp.isNone() ? null : Instant.parse(cp.value());
                Instant newest = since;
                Set<String> delivered = reads.get(t).delivered();
                for (Deletion d : feed.deletedSince(t.type(), since)) {
                    if (d.deletedAt() != null && (newest == null || d.deletedAt().isAfter(newest))) {
                        newest = d.deletedAt();
                    }
                    if (!delivered.contains(d.ref().id())) {
                        suspect(d.ref(), suspects);
                    }
                }
                if (newest != null) {
                    state.nextCheckpoints.put(ZOHO + "\u0000" + stream, new Checkpoint(newest.toString()));
                }
            }
        });
        for (Map.Entry<RecordRef, Set<String>> e : suspects.entrySet()) {
            RecordRef t = e.getKey();
            if (e.getValue().isEmpty()) {
                continue;
            }
            RecordReader reader = state.connectors.get(t.system()).reader(t.type());
            Set<String> stillThere = new HashSet<>();
            List<SourceRecord> found;
            try {
                found = reader.readByIds(e.getValue(), state.fieldsToRead(t.system(), t.type()));
            } catch (ConnectorException ex) {
                if (ex.kind() == ErrorKind.UNAVAILABLE) {
                    throw ex;
                }
                continue;   // not confirmed "not found": a deletion is not believed this cycle
            }
            Map<String, String> movedTo = new HashMap<>();
            state.store.inTransaction(tx -> found.forEach(r -> {
                if (r.ref().type().equals(t.type())) {
                    stillThere.add(r.id());
                } else {
                    movedTo.put(r.id(), r.ref().type());   // e.g. a PowerOffice customer whose IsPerson changed
                }
                stager.stage(tx, r);
            }));
            for (String id : e.getValue()) {
                if (stillThere.contains(id)) {
                    continue;
                }
                String newType = movedTo.get(id);
                markDeleted(new RecordRef(t.system(), t.type(), id), newType == null
                        ? "deleted in " + t.system()
                        : "no longer a " + t.type() + " in " + t.system() + " (it is now a " + newType
                          + "), so for this flow it counts as deleted");
            }
        }
    }

    /** An absent record: unlinked ones are simply forgotten; linked ones (active or filtered out) are looked up before believing it. */
    private void suspect(RecordRef ref, Map<RecordRef, Set<String>> suspects) {
        Link link = state.links.get(ref);
        if (link == null) {
            if (state.snapshots.remove(ref) != null) {
                state.store.removeSnapshot(ref);
            }
            if (state.inReview.remove(ref)) {
                state.store.removeReview(ref);
            }
        } else if (link.state() != LinkState.DELETED_IN_SOURCE) {
            suspects.computeIfAbsent(new RecordRef(ref.system(), ref.type(), "*"), x -> new LinkedHashSet<>()).add(ref.id());
        }
    }

    /** {@code why}: "deleted in poweroffice", or why the record left the flow though it still exists. */
    private void markDeleted(RecordRef ref, String why) {
        Link link = state.links.get(ref).withState(LinkState.DELETED_IN_SOURCE);
        String flow = state.flowOf(link.entityId());
        state.store.inTransaction(tx -> {
            tx.putLink(link);
            tx.appendActivity(new Activity(ref, state.now, "deleted", why + "; its partner is left alone"));
        });
        state.putLinkInMemory(link);
        state.count(flow, Count.DELETED);
        state.record(new Change(ChangeKind.DELETED_IN_SOURCE, flow, ref, ref.system(), ref.type(), null, List.of(),
                why + "; the linked record is left alone and not re-created"));
    }
}
