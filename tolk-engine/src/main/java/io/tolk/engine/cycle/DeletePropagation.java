package io.tolk.engine.cycle;

import io.tolk.engine.mapping.Flow;
import io.tolk.engine.plan.FieldChange;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tolk.engine.cycle.CycleState.*;
import static io.tolk.engine.cycle.SyncCycle.PO;
import static io.tolk.engine.cycle.SyncCycle.ZOHO;

/**
 * Rule 5, propagation: plans the deletes (or archives) of partners of records deleted in their source, held
 * back as a whole when they exceed the delete guard.
 */
final class DeletePropagation {

    private final CycleState state;

    DeletePropagation(CycleState state) {
        this.state = state;
    }

    /** Entities linked on both sides, the base of the 10 % delete guard. */
    private int linkedPairs() {
        Map<String, Integer> sizes = new HashMap<>();
        for (Link l : state.links.values()) {
            sizes.merge(l.entityId(), 1, Integer::sum);
        }
        return (int) sizes.values().stream().filter(n -> n >= 2).count();
    }

    List<EntityWork> planDeletes(List<EntityWork> work) {
        if (state.options.deletes() != DeletePolicy.PROPAGATE) {
            return List.of();
        }
        List<EntityWork> out = new ArrayList<>();
        for (EntityWork w : work) {
            if (!w.deleted) {
                continue;
            }
            Link po = state.linkOn(w.entity.id(), PO);
            Link z = state.linkOn(w.entity.id(), ZOHO);
            if (po == null || z == null) {
                continue;
            }
            if (po.state() == LinkState.DELETED_IN_SOURCE && z.state() == LinkState.ACTIVE && state.snapshots.containsKey(z.ref())) {
                w.deleteTarget = state.member(w, z, state.snapshots.get(z.ref()));
                out.add(w);
            } else if (z.state() == LinkState.DELETED_IN_SOURCE && po.state() == LinkState.ACTIVE && state.snapshots.containsKey(po.ref())) {
                Snapshot s = state.snapshots.get(po.ref());
                boolean department = Flow.DEPARTMENT.equals(po.ref().type());
                String field = department ? "IsActive" : "IsArchived";
                String value = department ? "false" : "true";
                if (!value.equalsIgnoreCase(s.fields().get(field))) {
                    w.deleteTarget = state.member(w, po, s);
                    w.archiveFields = Map.of(field, value);
                    out.add(w);
                }
            }
        }
        int pairs = linkedPairs();
        int allowed = DeleteGuard.allowed(state.options.maxDeletesPerCycle(), pairs);
        if (out.size() > allowed && !state.options.confirmDeletes()) {
            state.deletesHalted = out.size() + " deletions held back: the limit is " + allowed + ", the smaller of maxDeletesPerCycle ("
                    + state.options.maxDeletesPerCycle() + ") and 10 % of " + pairs + " linked records; nothing was deleted. "
                    + "Check the source systems, then run again confirming the deletes";
            state.record(new Change(ChangeKind.HALTED, null, null, null, null, null, List.of(), state.deletesHalted));
            out.forEach(w -> w.deleteTarget = null);
            return List.of();
        }
        for (EntityWork w : out) {
            EntityWork.Member t = w.deleteTarget;
            List<FieldChange> fields = w.archiveFields == null ? List.of()
                    : w.archiveFields.entrySet().stream().map(e -> new FieldChange(e.getKey(), t.snapshot.fields().get(e.getKey()), e.getValue())).toList();
            state.record(new Change(ChangeKind.DELETE, w.flow.id(), t.ref(), t.system(), t.ref().type(),
                    state.linkOn(w.entity.id(), otherSystem(t.system())).ref(), fields,
                    w.archiveFields == null ? "deleted in " + otherSystem(t.system()) : "partner deleted in " + otherSystem(t.system())));
        }
        return out;
    }
}
