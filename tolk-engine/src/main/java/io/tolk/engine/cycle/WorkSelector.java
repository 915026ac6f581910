package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    private final ConnectionStore store;
    private final Mapping mapping;
    private final SyncOptions options;
    private final Instant now;
    private final Map<RecordRef, Snapshot> snapshots;
    private final Map<RecordRef, Link> links;
    private final Map<String, Entity> entities;
    private final Map<String, Set<RecordRef>> members;
    private final Set<String> blocked;
    private final Set<String> touched;

    WorkSelector(CycleState state) {
        this.state = state;
        this.store = state.store;
        this.mapping = state.mapping;
        this.options = state.options;
        this.now = state.now;
        this.snapshots = state.snapshots;
        this.links = state.links;
        this.entities = state.entities;
        this.members = state.members;
        this.blocked = state.blocked;
        this.touched = state.touched;
    }

    Set<RecordRef> dueRecords() {
        Set<RecordRef> out = new HashSet<>();
        for (Failure f : store.failures()) {
            Snapshot s = snapshots.get(f.record());
            boolean superseded = s != null && !Objects.equals(s.hash(), f.sourceHash());
            if (superseded || f.nextRetryAt() == null || !f.nextRetryAt().isAfter(now)) {
                out.add(f.record());
            }
        }
        return out;
    }

    boolean dirtyRecord(RecordRef ref, Set<RecordRef> due) {
        Snapshot s = snapshots.get(ref);
        return (s != null && !s.processed()) || due.contains(ref);
    }

    List<EntityWork> selectDirty(boolean backfill, List<EntityWork> already) {
        Set<String> taken = already.stream().map(w -> w.entity.id()).collect(Collectors.toSet());
        Set<RecordRef> due = dueRecords();
        List<EntityWork> out = new ArrayList<>();
        for (Entity e : new TreeMap<>(entities).values()) {
            if (taken.contains(e.id()) || blocked.contains(e.id()) || hasPendingIntent(e.id())) {
                continue;
            }
            Set<RecordRef> refs = members.getOrDefault(e.id(), Set.of());
            if (refs.isEmpty()) {
                continue;
            }
            boolean anyDeleted = refs.stream().anyMatch(r -> links.get(r).state() == LinkState.DELETED_IN_SOURCE);
            boolean dirty = backfill || !e.forced().isEmpty() || touched.contains(e.id())
                    || (anyDeleted && options.deletes() == DeletePolicy.PROPAGATE)
                    || refs.stream().anyMatch(r -> {
                        Link l = links.get(r);
                        return l.state() != LinkState.DELETED_IN_SOURCE && (l.lastSeen().isEmpty() || dirtyRecord(r, due));
                    });
            if (dirty) {
                Flow f = mapping.flows().stream().filter(x -> x.id().equals(e.flowId())).findFirst().orElse(null);
                if (f != null) {
                    out.add(new EntityWork(e, false, f));
                }
            }
        }
        return out;
    }

    private boolean hasPendingIntent(String entityId) {
        return blocked.contains(entityId);
    }
}
