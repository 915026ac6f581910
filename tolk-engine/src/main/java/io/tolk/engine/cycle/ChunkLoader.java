package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.plan.Candidate;
import io.tolk.engine.plan.ChunkInput;
import io.tolk.engine.plan.WorkItem;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.MatchHolder;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.ReviewOrigin;
import io.tolk.engine.store.Snapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the planner needs for one chunk of dirty records, in a few bulk reads: their links, entities and every
 * member's snapshot; and, only for work that lacks a record in some system of its flow, the match candidates by key
 * and the candidates' rivals (rule 3). Reads only; holds one chunk.
 */
final class ChunkLoader {

    private final CycleContext ctx;
    private final ConnectionStore store;
    private final MatchKeyer keyer;

    ChunkLoader(CycleContext ctx) {
        this.ctx = ctx;
        this.store = ctx.store();
        this.keyer = ctx.keyer();
    }

    /**
     * @param dirty   dirty records, in the order the work is planned
     * @param exclude entities whose writes are still in flight (a previous chunk works on them)
     */
    ChunkInput load(List<RecordRef> dirty, Set<String> exclude) {
        Map<RecordRef, Link> dirtyLinks = store.links(dirty);
        Set<String> entityIds = new LinkedHashSet<>();
        for (RecordRef r : dirty) {
            Link l = dirtyLinks.get(r);
            if (l != null && !exclude.contains(l.entityId())) {
                entityIds.add(l.entityId());
            }
        }
        Map<String, Entity> entities = store.entities(entityIds);
        Map<String, List<Link>> members = store.linksOf(entityIds);
        Set<RecordRef> refs = new LinkedHashSet<>();
        members.values().forEach(ls -> ls.forEach(l -> refs.add(l.ref())));
        for (RecordRef r : dirty) {
            if (!dirtyLinks.containsKey(r)) {
                refs.add(r);
            }
        }
        Map<RecordRef, Snapshot> snapshots = store.snapshots(refs);
        List<WorkItem> items = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (RecordRef r : dirty) {
            Link l = dirtyLinks.get(r);
            if (l == null) {
                Snapshot s = snapshots.get(r);
                if (s != null) {
                    items.add(WorkItem.lone(s));
                }
            } else if (entities.containsKey(l.entityId()) && planned.add(l.entityId())) {
                items.add(item(entities.get(l.entityId()), members.getOrDefault(l.entityId(), List.of()), snapshots));
            }
        }
        Set<String> blocked = store.entitiesWithPendingIntent(planned);

        Map<String, Set<String>> wanted = new LinkedHashMap<>();   // canonical type → keys
        for (WorkItem item : items) {
            if (!lacksASystem(item)) {
                continue;
            }
            for (WorkItem.Member m : item.members()) {
                if (m.snapshot() != null) {
                    addKeys(wanted, m.ref(), m.snapshot());
                }
            }
        }
        Map<String, List<RecordRef>> holders = new HashMap<>();
        Map<RecordRef, Candidate> candidates = new HashMap<>();
        Map<String, WorkItem> candidateEntities = new HashMap<>();
        if (!wanted.isEmpty()) {
            Set<RecordRef> level1 = holders(wanted, holders);
            Map<RecordRef, Candidate> first = candidates(level1, candidateEntities);
            candidates.putAll(first);
            Map<String, Set<String>> rivalKeys = new LinkedHashMap<>();
            first.values().forEach(c -> addKeys(rivalKeys, c.ref(), c.snapshot()));
            rivalKeys.forEach((ct, keys) -> keys.removeAll(wanted.getOrDefault(ct, Set.of())));
            rivalKeys.values().removeIf(Set::isEmpty);
            if (!rivalKeys.isEmpty()) {
                Set<RecordRef> level2 = holders(rivalKeys, holders);
                level2.removeAll(candidates.keySet());
                candidates.putAll(candidates(level2, candidateEntities));
            }
        }
        Set<RecordRef> all = new HashSet<>(refs);
        all.addAll(candidates.keySet());
        Map<RecordRef, ReviewItem> reviews = store.reviews(all);
        Map<ChangeSet.FailureKey, Failure> failures = new HashMap<>();
        for (Failure f : store.failuresOf(refs)) {
            failures.put(new ChangeSet.FailureKey(f.record(), f.target()), f);
        }
        return new ChunkInput(items, holders, candidates, candidateEntities, failures, reviews, blocked);
    }

    private static WorkItem item(Entity e, List<Link> links, Map<RecordRef, Snapshot> snapshots) {
        List<WorkItem.Member> ms = new ArrayList<>();
        for (Link l : links) {
            ms.add(new WorkItem.Member(l.ref(), l, snapshots.get(l.ref())));
        }
        return new WorkItem(e, ms.isEmpty() ? List.of() : ms);
    }

    /** Whether matching may be needed: a lone record, or an entity without a record in a system of its flow. */
    private boolean lacksASystem(WorkItem item) {
        if (item.isLone()) {
            return true;
        }
        Flow f = ctx.mapping().flows().stream().filter(x -> x.id().equals(item.entity().flowId())).findFirst().orElse(null);
        if (f == null) {
            return false;
        }
        Set<String> have = new HashSet<>();
        item.members().forEach(m -> have.add(m.ref().system()));
        return !have.containsAll(f.systems());
    }

    private void addKeys(Map<String, Set<String>> into, RecordRef ref, Snapshot s) {
        CanonicalType ct = keyer.canonicalType(ref.system(), ref.type());
        if (ct == null) {
            return;
        }
        Set<String> keys = keyer.keys(ref.system(), ref.type(), s.fields());
        if (!keys.isEmpty()) {
            into.computeIfAbsent(ct.key(), k -> new LinkedHashSet<>()).addAll(keys);
        }
    }

    private Set<RecordRef> holders(Map<String, Set<String>> keys, Map<String, List<RecordRef>> into) {
        Set<RecordRef> out = new LinkedHashSet<>();
        keys.forEach((ct, ks) -> {
            for (MatchHolder h : store.holders(ct, ks)) {
                into.computeIfAbsent(ChunkInput.holderKey(ct, h.key()), k -> new ArrayList<>()).add(h.ref());
                out.add(h.ref());
            }
        });
        return out;
    }

    /** The candidates' links, their entities' systems and states, and their review marks. */
    private Map<RecordRef, Candidate> candidates(Collection<RecordRef> refs, Map<String, WorkItem> entitiesOut) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        Map<RecordRef, Snapshot> snapshots = store.snapshots(refs);
        Map<RecordRef, Link> links = store.links(refs);
        Set<String> entityIds = new LinkedHashSet<>();
        links.values().forEach(l -> entityIds.add(l.entityId()));
        Map<String, List<Link>> members = store.linksOf(entityIds);
        Set<String> blocked = store.entitiesWithPendingIntent(entityIds);
        Map<RecordRef, ReviewItem> reviews = store.reviews(refs);
        Set<String> several = new LinkedHashSet<>();
        members.forEach((id, ls) -> {
            if (ls.size() > 1) {
                several.add(id);
            }
        });
        if (!several.isEmpty()) {
            Map<String, Entity> es = store.entities(several);
            Set<RecordRef> memberRefs = new LinkedHashSet<>();
            several.forEach(id -> members.get(id).forEach(l -> memberRefs.add(l.ref())));
            Map<RecordRef, Snapshot> memberSnapshots = store.snapshots(memberRefs);
            for (String id : several) {
                if (es.containsKey(id)) {
                    entitiesOut.put(id, item(es.get(id), members.get(id), memberSnapshots));
                }
            }
        }
        Map<RecordRef, Candidate> out = new HashMap<>();
        for (RecordRef r : refs) {
            Snapshot s = snapshots.get(r);
            if (s == null) {
                continue;
            }
            Link l = links.get(r);
            Set<String> systems = new HashSet<>();
            if (l != null) {
                members.getOrDefault(l.entityId(), List.of()).forEach(x -> systems.add(x.ref().system()));
            }
            ReviewItem review = reviews.get(r);
            ReviewOrigin origin = review == null ? null : review.origin();
            out.put(r, new Candidate(r, s, l, systems, l != null && blocked.contains(l.entityId()), origin));
        }
        return out;
    }
}
