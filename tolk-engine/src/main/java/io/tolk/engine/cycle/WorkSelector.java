package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;


/**
 * What needs work this cycle: records due for retry, dirty records, and the linked entities that must be
 * merged again.
 */
final class WorkSelector {

    private final CycleState state;

    WorkSelector(CycleState state) {
        this.state = state;
    }

    Set<RecordRef> dueRecords() {
        Set<RecordRef> out = new HashSet<>();
        for (Failure f : state.store.failures()) {
            Snapshot s = state.snapshots.get(f.record());
            boolean superseded = s != null && !Objects.equals(s.hash(), f.sourceHash());
            if (superseded || f.nextRetryAt() == null || !f.nextRetryAt().isAfter(state.now)) {
                out.add(f.record());
            }
        }
        return out;
    }

    boolean dirtyRecord(RecordRef ref, Set<RecordRef> due) {
        Snapshot s = state.snapshots.get(ref);
        return (s != null && !s.processed()) || due.contains(ref);
    }

    List<EntityWork> selectDirty(boolean backfill, List<EntityWork> already) {
        Set<String> taken = already.stream().map(w -> w.entity.id()).collect(Collectors.toSet());
        Set<RecordRef> due = dueRecords();
        List<EntityWork> out = new ArrayList<>();
        for (Entity e : new TreeMap<>(state.entities).values()) {
            if (taken.contains(e.id()) || state.blocked.contains(e.id()) || hasPendingIntent(e.id())) {
                continue;
            }
            Set<RecordRef> refs = state.members.getOrDefault(e.id(), Set.of());
            if (refs.isEmpty()) {
                continue;
            }
            boolean anyDeleted = refs.stream().anyMatch(r -> state.links.get(r).state() == LinkState.DELETED_IN_SOURCE);
            boolean dirty = backfill || !e.forced().isEmpty() || state.touched.contains(e.id())
                    || (anyDeleted && state.options.deletes() == DeletePolicy.PROPAGATE)
                    || refs.stream().anyMatch(r -> {
                        Link l = state.links.get(r);
                        return l.state() != LinkState.DELETED_IN_SOURCE && (l.lastSeen().isEmpty() || dirtyRecord(r, due));
                    });
            if (dirty) {
                Flow f = state.mapping.flows().stream().filter(x -> x.id().equals(e.flowId())).findFirst().orElse(null);
                if (f != null) {
                    out.add(new EntityWork(e, false, f));
                }
            }
        }
        return out;
    }

    private boolean hasPendingIntent(String entityId) {
        return state.blocked.contains(entityId);
    }
}
