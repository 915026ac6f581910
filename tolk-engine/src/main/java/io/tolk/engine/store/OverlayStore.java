package io.tolk.engine.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The store of a dry run ({@code tolk plan}): reads see the real store with the run's own changes on top; every change
 * goes to a scratch store that starts empty, and the real store is only read. It is not a copy: a row is written to
 * the scratch store only when the dry run changes it (copy on write), and what the run removes is remembered as a
 * tombstone. Discard it (and its scratch) when the run ends.
 *
 * <p>Memory: the scratch store holds what the run changed (on a file-backed scratch store, nothing of it is in memory);
 * this class holds the tombstones, the records whose match keys or links it changed, and the seen marks of a
 * deletion check's sweep — all bounded by what changed in the run, not by the size of the real store.
 */
public final class OverlayStore implements ConnectionStore {

    private final ConnectionStore base;
    private final ConnectionStore scratch;
    private final Set<RecordRef> removedSnapshots = new HashSet<>();
    private final Set<RecordRef> removedLinks = new HashSet<>();
    private final Set<String> removedEntities = new HashSet<>();
    private final Set<RecordRef> removedReviews = new HashSet<>();
    private final Set<ChangeSet.FailureKey> removedFailures = new HashSet<>();
    /** Records whose match keys the run replaced (the scratch store's keys count, the real store's not). */
    private final Set<RecordRef> rekeyed = new HashSet<>();
    /** Entities whose membership the run changed. */
    private final Set<String> touchedEntities = new HashSet<>();
    private final Map<RecordRef, Long> seen = new HashMap<>();
    private long scan;
    private Optional<String> fingerprint;

    /**
     * @param base    the real store, read only
     * @param scratch an empty store that takes the run's changes
     */
    public OverlayStore(ConnectionStore base, ConnectionStore scratch) {
        this.base = base;
        this.scratch = scratch;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public synchronized <T> T inTransaction(Function<ConnectionStore, T> work) {
        return work.apply(this);   // a dry run is discarded as a whole; its steps need no rollback of their own
    }

    @Override
    public synchronized void apply(ChangeSet c) {
        c.snapshotsRemoved().forEach(this::removeSnapshot);
        c.entitiesRemoved().forEach(this::removeEntity);
        c.linksRemoved().forEach(this::removeLink);
        c.failuresRemoved().forEach(k -> removeFailureKey(k.record(), k.target()));
        c.reviewsRemoved().forEach(this::removeReview);
        c.snapshots().forEach(this::putSnapshot);
        c.matchKeys().forEach(m -> putMatchKeys(m.ref(), m.canonicalType(), m.keys()));
        c.entities().forEach(this::putEntity);
        c.links().forEach(this::putLink);
        c.intents().forEach(this::putIntent);
        c.failures().forEach(this::putFailure);
        c.conflicts().forEach(this::putConflict);
        c.reviews().forEach(this::putReview);
        c.activity().forEach(this::appendActivity);
        c.processed().forEach(this::markProcessed);
        c.dirty().forEach(this::markDirty);
        c.checkpoints().forEach(this::putCheckpoint);
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    public synchronized Optional<Snapshot> snapshot(RecordRef ref) {
        if (removedSnapshots.contains(ref)) {
            return Optional.empty();
        }
        Optional<Snapshot> mine = scratch.snapshot(ref);
        return mine.isPresent() ? mine : base.snapshot(ref);
    }

    @Override
    public synchronized Map<RecordRef, Snapshot> snapshots(Collection<RecordRef> refs) {
        Map<RecordRef, Snapshot> mine = scratch.snapshots(refs);
        List<RecordRef> rest = refs.stream().filter(r -> !mine.containsKey(r) && !removedSnapshots.contains(r)).toList();
        Map<RecordRef, Snapshot> theirs = rest.isEmpty() ? Map.of() : base.snapshots(rest);
        Map<RecordRef, Snapshot> out = new LinkedHashMap<>();
        for (RecordRef r : refs) {
            Snapshot s = mine.containsKey(r) ? mine.get(r) : theirs.get(r);
            if (s != null && !removedSnapshots.contains(r)) {
                out.put(r, s);
            }
        }
        return out;
    }

    @Override
    public synchronized Map<RecordRef, String> hashes(Collection<RecordRef> refs) {
        Map<RecordRef, String> out = new HashMap<>();
        snapshots(refs).forEach((r, s) -> out.put(r, s.hash()));
        return out;
    }

    @Override
    public synchronized void putSnapshot(Snapshot snapshot) {
        removedSnapshots.remove(snapshot.ref());
        scratch.putSnapshot(snapshot);
    }

    @Override
    public synchronized void removeSnapshot(RecordRef ref) {
        scratch.removeSnapshot(ref);
        removedSnapshots.add(ref);
        rekeyed.add(ref);
        seen.remove(ref);
    }

    @Override
    public synchronized List<Snapshot> snapshots(String system, String type, String afterId, int limit) {
        String cursor = afterId;
        while (true) {
            List<Snapshot> theirs = base.snapshots(system, type, cursor, limit);
            List<Snapshot> mine = scratch.snapshots(system, type, cursor, limit);
            TreeMap<String, Snapshot> merged = new TreeMap<>();
            Map<RecordRef, Snapshot> overridden = scratch.snapshots(theirs.stream().map(Snapshot::ref).toList());
            for (Snapshot s : theirs) {
                if (!removedSnapshots.contains(s.ref()) && !overridden.containsKey(s.ref())) {
                    merged.put(s.ref().id(), s);
                }
            }
            mine.forEach(s -> merged.put(s.ref().id(), s));
            List<Snapshot> out = new ArrayList<>(merged.values());
            if (!theirs.isEmpty() && theirs.size() == limit) {   // the real store may have more before the scratch's last
                String last = theirs.get(theirs.size() - 1).ref().id();
                out.removeIf(s -> s.ref().id().compareTo(last) > 0);
            }
            if (out.size() > limit) {
                out = new ArrayList<>(out.subList(0, limit));
            }
            if (!out.isEmpty() || theirs.size() < limit) {
                return out;
            }
            cursor = theirs.get(theirs.size() - 1).ref().id();
        }
    }

    @Override
    public synchronized long countSnapshots(String system, Collection<String> types) {
        long n = 0;
        for (String type : types) {
            String after = null;
            while (true) {
                List<Snapshot> page = snapshots(system, type, after, 1000);
                if (page.isEmpty()) {
                    break;
                }
                n += page.size();
                after = page.get(page.size() - 1).ref().id();
            }
        }
        return n;
    }

    @Override
    public synchronized void markProcessed(RecordRef ref, String hash) {
        snapshot(ref).ifPresent(s -> {
            if (s.hash().equals(hash) && !s.processed()) {
                scratch.putSnapshot(s.withProcessed(true));
            }
        });
    }

    private void markDirty(RecordRef ref) {
        snapshot(ref).ifPresent(s -> {
            if (s.processed()) {
                scratch.putSnapshot(s.withProcessed(false));
            }
        });
    }

    @Override
    public synchronized List<RecordRef> dirty(RecordRef after, int limit) {
        RecordRef cursor = after;
        while (true) {
            List<RecordRef> theirs = base.dirty(cursor, limit);
            List<RecordRef> mine = scratch.dirty(cursor, limit);
            TreeSet<RecordRef> merged = new TreeSet<>(InMemoryStore.REF_ORDER);
            Map<RecordRef, Snapshot> overridden = scratch.snapshots(theirs);
            for (RecordRef r : theirs) {
                if (!removedSnapshots.contains(r) && !overridden.containsKey(r)) {
                    merged.add(r);
                }
            }
            merged.addAll(mine);
            List<RecordRef> out = new ArrayList<>(merged);
            if (theirs.size() == limit) {
                RecordRef last = theirs.get(theirs.size() - 1);
                out.removeIf(r -> InMemoryStore.REF_ORDER.compare(r, last) > 0);
            }
            if (out.size() > limit) {
                out = new ArrayList<>(out.subList(0, limit));
            }
            if (!out.isEmpty() || theirs.size() < limit) {
                return out;
            }
            cursor = theirs.get(theirs.size() - 1);
        }
    }

    @Override
    public synchronized long countDirty() {
        long n = 0;
        RecordRef after = null;
        while (true) {
            List<RecordRef> page = dirty(after, 1000);
            if (page.isEmpty()) {
                return n;
            }
            n += page.size();
            after = page.get(page.size() - 1);
        }
    }

    @Override
    public synchronized int markDueFailuresDirty(Instant now) {
        int n = 0;
        for (Failure f : failures()) {
            if (f.nextRetryAt() == null || !f.nextRetryAt().isAfter(now)) {
                Optional<Snapshot> s = snapshot(f.record());
                if (s.isPresent() && s.get().processed()) {
                    markDirty(f.record());
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public synchronized int markMatchingReviewsDirty() {
        int n = 0;
        for (ReviewItem r : reviews()) {
            Optional<Snapshot> s = snapshot(r.record());
            if (r.origin() == ReviewOrigin.MATCHING && s.isPresent() && s.get().processed()) {
                markDirty(r.record());
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized int markPendingDeletionsDirty() {
        int n = 0;
        String after = null;
        while (true) {
            List<String> ids = entitiesWithDeletedMember(after, 1000);
            if (ids.isEmpty()) {
                return n;
            }
            after = ids.get(ids.size() - 1);
            for (List<Link> links : linksOf(ids).values()) {
                for (Link l : links) {
                    Optional<Snapshot> s = snapshot(l.ref());
                    if (s.isPresent() && s.get().processed()) {
                        markDirty(l.ref());
                        n++;
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ scans

    @Override
    public synchronized long nextScan() {
        seen.clear();
        return ++scan;
    }

    @Override
    public synchronized void markSeen(Collection<RecordRef> refs, long scanNumber) {
        for (RecordRef r : refs) {
            seen.put(r, scanNumber);
        }
    }

    @Override
    public synchronized List<RecordRef> unseen(String system, String type, long scanNumber, String afterId, int limit) {
        List<RecordRef> out = new ArrayList<>();
        String after = afterId;
        while (out.size() < limit) {
            List<Snapshot> page = snapshots(system, type, after, limit);
            if (page.isEmpty()) {
                break;
            }
            for (Snapshot s : page) {
                Long at = seen.get(s.ref());
                if ((at == null || at < scanNumber) && out.size() < limit) {
                    out.add(s.ref());
                }
            }
            after = page.get(page.size() - 1).ref().id();
        }
        return out;
    }

    // ------------------------------------------------------------------ match keys

    @Override
    public synchronized void putMatchKeys(RecordRef ref, String canonicalType, Set<String> keys) {
        rekeyed.add(ref);
        scratch.putMatchKeys(ref, canonicalType, keys);
    }

    @Override
    public synchronized List<MatchHolder> holders(String canonicalType, Collection<String> keys) {
        List<MatchHolder> out = new ArrayList<>();
        for (MatchHolder h : base.holders(canonicalType, keys)) {
            if (!rekeyed.contains(h.ref())) {
                out.add(h);
            }
        }
        out.addAll(scratch.holders(canonicalType, keys));
        return out;
    }

    @Override
    public synchronized List<MatchHolder> holdersStartingWith(String canonicalType, String prefix, int limit) {
        List<MatchHolder> out = new ArrayList<>();
        // the plan's re-keyed records hide their base entries; asking the base for that many more keeps the page full
        // (a record holds one key per distinct value of its match fields, so rarely more than one)
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) limit + rekeyed.size());
        for (MatchHolder h : base.holdersStartingWith(canonicalType, prefix, wanted)) {
            if (!rekeyed.contains(h.ref())) {
                out.add(h);
            }
        }
        out.addAll(scratch.holdersStartingWith(canonicalType, prefix, limit));
        out.sort(InMemoryStore.BY_KEY_THEN_REF);
        return List.copyOf(out.subList(0, Math.min(Math.max(0, limit), out.size())));
    }

    // ------------------------------------------------------------------ entities

    @Override
    public synchronized Optional<Entity> entity(String id) {
        if (removedEntities.contains(id)) {
            return Optional.empty();
        }
        Optional<Entity> mine = scratch.entity(id);
        return mine.isPresent() ? mine : base.entity(id);
    }

    @Override
    public synchronized Map<String, Entity> entities(Collection<String> ids) {
        Map<String, Entity> mine = scratch.entities(ids);
        Map<String, Entity> theirs = base.entities(ids.stream().filter(i -> !mine.containsKey(i)).toList());
        Map<String, Entity> out = new LinkedHashMap<>();
        for (String id : ids) {
            Entity e = mine.containsKey(id) ? mine.get(id) : theirs.get(id);
            if (e != null && !removedEntities.contains(id)) {
                out.put(id, e);
            }
        }
        return out;
    }

    @Override
    public synchronized void putEntity(Entity entity) {
        removedEntities.remove(entity.id());
        scratch.putEntity(entity);
    }

    @Override
    public synchronized void removeEntity(String id) {
        scratch.removeEntity(id);
        removedEntities.add(id);
    }

    @Override
    public synchronized List<Entity> entities(String afterId, int limit) {
        TreeMap<String, Entity> merged = new TreeMap<>();
        for (Entity e : base.entities(afterId, limit)) {
            if (!removedEntities.contains(e.id())) {
                merged.put(e.id(), e);
            }
        }
        scratch.entities(afterId, limit).forEach(e -> merged.put(e.id(), e));
        return merged.values().stream().limit(limit).toList();
    }

    // ------------------------------------------------------------------ links

    @Override
    public synchronized Optional<Link> link(RecordRef ref) {
        if (removedLinks.contains(ref)) {
            return Optional.empty();
        }
        Optional<Link> mine = scratch.link(ref);
        return mine.isPresent() ? mine : base.link(ref);
    }

    @Override
    public synchronized Map<RecordRef, Link> links(Collection<RecordRef> refs) {
        Map<RecordRef, Link> mine = scratch.links(refs);
        Map<RecordRef, Link> theirs = base.links(refs.stream().filter(r -> !mine.containsKey(r) && !removedLinks.contains(r))
                .toList());
        Map<RecordRef, Link> out = new LinkedHashMap<>();
        for (RecordRef r : refs) {
            Link l = mine.containsKey(r) ? mine.get(r) : theirs.get(r);
            if (l != null && !removedLinks.contains(r)) {
                out.put(r, l);
            }
        }
        return out;
    }

    @Override
    public synchronized List<Link> links(RecordRef after, int limit) {
        TreeMap<RecordRef, Link> merged = new TreeMap<>(InMemoryStore.REF_ORDER);
        List<Link> theirs = base.links(after, limit);
        Map<RecordRef, Link> overridden = scratch.links(theirs.stream().map(Link::ref).toList());
        for (Link l : theirs) {
            if (!removedLinks.contains(l.ref()) && !overridden.containsKey(l.ref())) {
                merged.put(l.ref(), l);
            }
        }
        scratch.links(after, limit).forEach(l -> merged.put(l.ref(), l));
        return merged.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void putLink(Link link) {
        link(link.ref()).ifPresent(old -> touchedEntities.add(old.entityId()));
        touchedEntities.add(link.entityId());
        removedLinks.remove(link.ref());
        scratch.putLink(link);
    }

    @Override
    public synchronized void removeLink(RecordRef ref) {
        link(ref).ifPresent(old -> touchedEntities.add(old.entityId()));
        scratch.removeLink(ref);
        removedLinks.add(ref);
    }

    @Override
    public synchronized List<Link> linksOf(String entityId) {
        return linksOf(List.of(entityId)).getOrDefault(entityId, List.of());
    }

    @Override
    public synchronized Map<String, List<Link>> linksOf(Collection<String> entityIds) {
        Map<String, List<Link>> theirs = base.linksOf(entityIds);
        Map<String, List<Link>> mine = scratch.linksOf(entityIds);
        Set<RecordRef> theirRefs = new HashSet<>();
        theirs.values().forEach(ls -> ls.forEach(l -> theirRefs.add(l.ref())));
        Map<RecordRef, Link> overridden = scratch.links(theirRefs);
        Map<String, List<Link>> out = new LinkedHashMap<>();
        for (String id : entityIds) {
            TreeMap<RecordRef, Link> merged = new TreeMap<>(InMemoryStore.REF_ORDER);
            for (Link l : theirs.getOrDefault(id, List.of())) {
                if (!removedLinks.contains(l.ref()) && !overridden.containsKey(l.ref())) {
                    merged.put(l.ref(), l);
                }
            }
            mine.getOrDefault(id, List.of()).forEach(l -> merged.put(l.ref(), l));
            if (!merged.isEmpty()) {
                out.put(id, List.copyOf(merged.values()));
            }
        }
        return out;
    }

    @Override
    public synchronized long countLinkedEntities() {
        long n = base.countLinkedEntities();
        List<String> touched = List.copyOf(touchedEntities);
        Map<String, List<Link>> before = base.linksOf(touched);
        Map<String, List<Link>> now = linksOf(touched);
        for (String id : touched) {
            n -= before.getOrDefault(id, List.of()).size() >= 2 ? 1 : 0;
            n += now.getOrDefault(id, List.of()).size() >= 2 ? 1 : 0;
        }
        return n;
    }

    @Override
    public synchronized List<String> entitiesWithDeletedMember(String afterId, int limit) {
        TreeSet<String> ids = new TreeSet<>();
        for (String id : base.entitiesWithDeletedMember(afterId, limit)) {
            if (!touchedEntities.contains(id)) {
                ids.add(id);
            }
        }
        for (Map.Entry<String, List<Link>> e : linksOf(touchedEntities).entrySet()) {
            boolean deleted = e.getValue().stream().anyMatch(l -> l.state() == LinkState.DELETED_IN_SOURCE);
            boolean active = e.getValue().stream().anyMatch(l -> l.state() == LinkState.ACTIVE);
            if (deleted && active && (afterId == null || e.getKey().compareTo(afterId) > 0)) {
                ids.add(e.getKey());
            }
        }
        return ids.stream().limit(limit).toList();
    }

    // ------------------------------------------------------------------ intents

    @Override
    public synchronized Optional<WriteIntent> intent(String key) {
        Optional<WriteIntent> mine = scratch.intent(key);
        return mine.isPresent() ? mine : base.intent(key);
    }

    @Override
    public synchronized void putIntent(WriteIntent intent) {
        scratch.putIntent(intent);
    }

    @Override
    public synchronized List<WriteIntent> intents(IntentState state) {
        List<WriteIntent> out = new ArrayList<>();
        for (WriteIntent i : base.intents(state)) {
            if (scratch.intent(i.key()).isEmpty()) {
                out.add(i);
            }
        }
        out.addAll(scratch.intents(state));
        return out;
    }

    @Override
    public synchronized Set<String> entitiesWithPendingIntent(Collection<String> entityIds) {
        Set<String> out = new LinkedHashSet<>(scratch.entitiesWithPendingIntent(entityIds));
        Set<String> theirs = base.entitiesWithPendingIntent(entityIds);
        if (!theirs.isEmpty()) {
            Set<String> stillPending = new HashSet<>();
            for (WriteIntent i : intents(IntentState.PENDING)) {
                stillPending.add(i.entityId());
            }
            theirs.stream().filter(stillPending::contains).forEach(out::add);
        }
        return out;
    }

    // ------------------------------------------------------------------ checkpoints

    @Override
    public synchronized Checkpoint checkpoint(StreamKey stream) {
        Checkpoint mine = scratch.checkpoint(stream);
        return mine.isNone() ? base.checkpoint(stream) : mine;
    }

    @Override
    public synchronized void putCheckpoint(StreamKey stream, Checkpoint checkpoint) {
        scratch.putCheckpoint(stream, checkpoint);
    }

    // ------------------------------------------------------------------ failures

    @Override
    public synchronized Failure putFailure(Failure failure) {
        removedFailures.remove(new ChangeSet.FailureKey(failure.record(), failure.target()));
        return scratch.putFailure(failure);
    }

    @Override
    public synchronized Optional<Failure> failure(long id) {
        return base.failure(id).filter(f -> !hidden(f));
    }

    @Override
    public synchronized Optional<Failure> failure(RecordRef record, String target) {
        if (removedFailures.contains(new ChangeSet.FailureKey(record, target))) {
            return Optional.empty();
        }
        Optional<Failure> mine = scratch.failure(record, target);
        return mine.isPresent() ? mine : base.failure(record, target);
    }

    private boolean hidden(Failure f) {
        ChangeSet.FailureKey key = new ChangeSet.FailureKey(f.record(), f.target());
        return removedFailures.contains(key) || scratch.failure(f.record(), f.target()).isPresent();
    }

    @Override
    public synchronized List<Failure> failuresOf(Collection<RecordRef> records) {
        List<Failure> out = new ArrayList<>();
        for (Failure f : base.failuresOf(records)) {
            if (!hidden(f)) {
                out.add(f);
            }
        }
        out.addAll(scratch.failuresOf(records));
        return out;
    }

    @Override
    public synchronized List<Failure> failures() {
        List<Failure> out = new ArrayList<>();
        for (Failure f : base.failures()) {
            if (!hidden(f)) {
                out.add(f);
            }
        }
        out.addAll(scratch.failures());
        return out;
    }

    @Override
    public synchronized void removeFailure(long id) {
        base.failure(id).ifPresent(f -> removeFailureKey(f.record(), f.target()));
    }

    private void removeFailureKey(RecordRef record, String target) {
        scratch.failure(record, target).ifPresent(f -> scratch.removeFailure(f.id()));
        removedFailures.add(new ChangeSet.FailureKey(record, target));
    }

    // ------------------------------------------------------------------ conflicts

    @Override
    public synchronized Conflict putConflict(Conflict conflict) {
        return scratch.putConflict(conflict);
    }

    @Override
    public synchronized Optional<Conflict> conflict(long id) {
        return base.conflict(id);
    }

    @Override
    public synchronized List<Conflict> conflicts(int limit) {
        return base.conflicts(limit);
    }

    /** The base's, as {@link #statusTally()}: a dry run's conflicts are reported by its plan, not counted here. */
    @Override
    public synchronized Map<String, Long> openConflictsByFlow() {
        return base.openConflictsByFlow();
    }

    // ------------------------------------------------------------------ reviews

    @Override
    public synchronized ReviewItem putReview(ReviewItem item) {
        removedReviews.remove(item.record());
        return scratch.putReview(item);
    }

    @Override
    public synchronized Optional<ReviewItem> review(RecordRef record) {
        if (removedReviews.contains(record)) {
            return Optional.empty();
        }
        Optional<ReviewItem> mine = scratch.review(record);
        return mine.isPresent() ? mine : base.review(record);
    }

    @Override
    public synchronized Map<RecordRef, ReviewItem> reviews(Collection<RecordRef> records) {
        Map<RecordRef, ReviewItem> out = new LinkedHashMap<>();
        base.reviews(records).forEach((r, item) -> {
            if (!removedReviews.contains(r)) {
                out.put(r, item);
            }
        });
        out.putAll(scratch.reviews(records));
        return out;
    }

    @Override
    public synchronized void removeReview(RecordRef record) {
        scratch.removeReview(record);
        removedReviews.add(record);
    }

    @Override
    public synchronized List<ReviewItem> reviews() {
        Map<RecordRef, ReviewItem> merged = new LinkedHashMap<>();
        for (ReviewItem r : base.reviews()) {
            if (!removedReviews.contains(r.record())) {
                merged.put(r.record(), r);
            }
        }
        scratch.reviews().forEach(r -> merged.put(r.record(), r));
        return List.copyOf(merged.values());
    }

    @Override
    public synchronized Map<String, Long> reviewsByFlow() {
        Map<String, Long> out = new TreeMap<>();
        reviews().stream().filter(r -> r.flowId() != null).forEach(r -> out.merge(r.flowId(), 1L, Long::sum));
        return out;
    }

    // ------------------------------------------------------------------ status, activity, runs, fingerprint

    @Override
    public synchronized StatusTally statusTally() {
        return base.statusTally();
    }

    @Override
    public synchronized List<StatusTally.Failures> failureTally() {
        return base.failureTally();
    }

    @Override
    public synchronized void appendActivity(Activity activity) {
        scratch.appendActivity(activity);
    }

    @Override
    public synchronized List<Activity> activity(RecordRef record, int limit) {
        return base.activity(record, limit);
    }

    @Override
    public synchronized RunRecord addRun(RunRecord run) {
        return scratch.addRun(run);
    }

    @Override
    public synchronized List<RunRecord> runs(int limit) {
        return base.runs(limit);
    }

    @Override
    public synchronized Optional<String> mappingFingerprint() {
        return fingerprint != null ? fingerprint : base.mappingFingerprint();
    }

    @Override
    public synchronized void putMappingFingerprint(String value) {
        fingerprint = Optional.of(value);
    }

    // ------------------------------------------------------------------ housekeeping

    /** Refused: a dry run changes nothing, so it never prunes. */
    @Override
    public Pruned prune(Retention retention) {
        throw new UnsupportedOperationException("a dry run never prunes");
    }

    /** Refused: what a dry run's overlay would prune means nothing (ask the real store). */
    @Override
    public Pruned prunable(Retention retention) {
        throw new UnsupportedOperationException("a dry run never prunes; ask the real store what it would prune");
    }
}
