package io.tolk.engine.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A {@link Store} held in memory: for tests, and as the scratch part of a dry run's store. Thread-safe (one monitor
 * per store). Transactions keep an undo journal and roll back when the work throws.
 */
public final class InMemoryStore implements Store {

    private final Clock clock;
    private final Map<String, Memory> connections = new TreeMap<>();
    private final Map<String, Lock> locks = new HashMap<>();
    /** Per connection, the lock owner its writes are fenced with (see {@link #fenceWrites}). */
    private final Map<String, String> fences = new HashMap<>();
    private final List<String> commitLog = new ArrayList<>();
    private final Set<String> loggedFences = new HashSet<>();

    private record Lock(String owner, Instant expiresAt) {
    }

    public InMemoryStore(Clock clock) {
        this.clock = clock;
    }

    public InMemoryStore() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized ConnectionStore connection(String name) {
        return connections.computeIfAbsent(name, n -> new Memory(n, this));
    }

    @Override
    public synchronized List<String> connections() {
        return List.copyOf(connections.keySet());
    }

    @Override
    public synchronized boolean tryLock(String connection, String owner, Duration ttl) {
        Instant now = clock.instant();
        Lock held = locks.get(connection);
        if (held != null && !held.owner().equals(owner) && held.expiresAt().isAfter(now)) {
            return false;
        }
        locks.put(connection, new Lock(owner, now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized void release(String connection, String owner) {
        Lock held = locks.get(connection);
        if (held != null && held.owner().equals(owner)) {
            locks.remove(connection);
        }
    }

    @Override
    public synchronized Optional<String> lockHolder(String connection) {
        Lock held = locks.get(connection);
        return held != null && held.expiresAt().isAfter(clock.instant()) ? Optional.of(held.owner()) : Optional.empty();
    }

    @Override
    public synchronized boolean takeOverLock(String connection, String from, String owner, Duration ttl) {
        Lock held = locks.get(connection);
        if (held == null || !held.owner().equals(from)) {
            return false;
        }
        locks.put(connection, new Lock(owner, clock.instant().plus(ttl)));
        return true;
    }

    @Override
    public synchronized WriteFence fenceWrites(String connection, String owner, boolean logCommits) {
        fences.put(connection, owner);
        if (logCommits) {
            loggedFences.add(connection);
        } else {
            loggedFences.remove(connection);
        }
        return () -> {
            synchronized (InMemoryStore.this) {
                if (owner.equals(fences.get(connection))) {
                    fences.remove(connection);
                    loggedFences.remove(connection);
                }
            }
        };
    }

    /** The commit log of fenced writes with {@code logCommits}: "connection owner" per commit, oldest first. */
    public synchronized List<String> commitLog() {
        return List.copyOf(commitLog);
    }

    /** Throws {@link LockLostException} when the connection's writes are fenced by an owner that lost the lock. */
    private void checkFence(String connection) {
        String owner = fences.get(connection);
        if (owner == null) {
            return;
        }
        Lock held = locks.get(connection);
        if (held == null || !held.owner().equals(owner)) {
            throw new LockLostException(connection, owner, held == null ? null : held.owner());
        }
    }

    private void logCommit(String connection) {
        if (loggedFences.contains(connection)) {
            commitLog.add(connection + " " + fences.get(connection));
        }
    }

    @Override
    public void close() {
    }

    /** The order of record references on every store: system, type, id, each as Java compares strings. */
    public static final Comparator<RecordRef> REF_ORDER = Comparator.comparing(RecordRef::system)
            .thenComparing(RecordRef::type).thenComparing(RecordRef::id);

    /** One connection's state. All methods synchronise on the owning store. */
    /** The order of {@link ConnectionStore#holdersStartingWith}: by key, then by ref. */
    static final Comparator<MatchHolder> BY_KEY_THEN_REF = Comparator.comparing(MatchHolder::key)
            .thenComparing(MatchHolder::ref, REF_ORDER);

    private static final class Memory implements ConnectionStore {
        private final String name;
        private final InMemoryStore lock;
        private final NavigableMap<RecordRef, Snapshot> snapshots = new TreeMap<>(REF_ORDER);
        private final Map<RecordRef, Long> seen = new HashMap<>();
        private final Map<RecordRef, ChangeSet.MatchKeys> matchKeys = new HashMap<>();
        /** canonical type + NUL + key → holders. */
        private final Map<String, Set<RecordRef>> keyIndex = new HashMap<>();
        private final NavigableMap<String, Entity> entities = new TreeMap<>();
        private final NavigableMap<RecordRef, Link> links = new TreeMap<>(REF_ORDER);
        private final Map<String, Set<RecordRef>> linksByEntity = new HashMap<>();
        private final Map<String, WriteIntent> intents = new HashMap<>();
        private final List<String> intentOrder = new ArrayList<>();
        private final Map<StreamKey, Checkpoint> checkpoints = new HashMap<>();
        private final Map<Long, Failure> failures = new TreeMap<>();
        private final Map<Long, Conflict> conflicts = new TreeMap<>();
        private final Map<Long, ReviewItem> reviews = new TreeMap<>();
        private final List<Activity> activity = new ArrayList<>();
        private final List<RunRecord> runs = new ArrayList<>();
        private String fingerprint;
        private long nextId = 1;
        private long nextScan = 1;
        private Deque<Runnable> undo;

        Memory(String name, InMemoryStore lock) {
            this.name = name;
            this.lock = lock;
        }

        // -------------------------------------------------------------- journal

        /** Every change of this connection's state passes here first (all under the store's monitor). */
        private void guard() {
            lock.checkFence(name);
        }

        private <K, V> void put(Map<K, V> map, K key, V value) {
            guard();
            boolean had = map.containsKey(key);
            V before = map.put(key, value);
            journal(() -> {
                if (!had) {
                    map.remove(key);
                } else {
                    map.put(key, before);
                }
            });
        }

        private <K, V> void remove(Map<K, V> map, K key) {
            guard();
            if (map.containsKey(key)) {
                V before = map.remove(key);
                journal(() -> map.put(key, before));
            }
        }

        private <T> void addTo(Map<String, Set<T>> index, String key, T value) {
            guard();
            Set<T> set = index.computeIfAbsent(key, k -> new LinkedHashSet<>());
            if (set.add(value)) {
                journal(() -> set.remove(value));
            }
        }

        private <T> void removeFrom(Map<String, Set<T>> index, String key, T value) {
            guard();
            Set<T> set = index.get(key);
            if (set != null && set.remove(value)) {
                journal(() -> set.add(value));
            }
        }

        private void journal(Runnable action) {
            if (undo != null) {
                undo.push(action);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public <T> T inTransaction(Function<ConnectionStore, T> work) {
            synchronized (lock) {
                if (undo != null) {
                    return work.apply(this); // nested: join the outer transaction
                }
                undo = new ArrayDeque<>();
                long idBefore = nextId;
                long scanBefore = nextScan;
                int activityBefore = activity.size();
                int runsBefore = runs.size();
                int intentOrderBefore = intentOrder.size();
                String fingerprintBefore = fingerprint;
                try {
                    T result = work.apply(this);
                    undo = null;
                    return result;
                } catch (RuntimeException | Error e) {
                    Deque<Runnable> actions = undo;
                    undo = null;
                    actions.forEach(Runnable::run);
                    nextId = idBefore;
                    nextScan = scanBefore;
                    activity.subList(activityBefore, activity.size()).clear();
                    runs.subList(runsBefore, runs.size()).clear();
                    intentOrder.subList(intentOrderBefore, intentOrder.size()).clear();
                    fingerprint = fingerprintBefore;
                    throw e;
                }
            }
        }

        @Override
        public void apply(ChangeSet c) {
            if (c.isEmpty()) {
                return;
            }
            update(tx -> {
                guard();
                lock.logCommit(name);
                c.snapshotsRemoved().forEach(this::removeSnapshot);
                c.entitiesRemoved().forEach(this::removeEntity);
                c.linksRemoved().forEach(this::removeLink);
                c.failuresRemoved().forEach(k -> failure(k.record(), k.target()).ifPresent(f -> removeFailure(f.id())));
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
            });
        }

        // -------------------------------------------------------------- snapshots

        @Override
        public Optional<Snapshot> snapshot(RecordRef ref) {
            synchronized (lock) {
                return Optional.ofNullable(snapshots.get(ref));
            }
        }

        @Override
        public Map<RecordRef, Snapshot> snapshots(Collection<RecordRef> refs) {
            synchronized (lock) {
                Map<RecordRef, Snapshot> out = new LinkedHashMap<>();
                for (RecordRef r : refs) {
                    Snapshot s = snapshots.get(r);
                    if (s != null) {
                        out.put(r, s);
                    }
                }
                return out;
            }
        }

        @Override
        public Map<RecordRef, String> hashes(Collection<RecordRef> refs) {
            synchronized (lock) {
                Map<RecordRef, String> out = new HashMap<>();
                for (RecordRef r : refs) {
                    Snapshot s = snapshots.get(r);
                    if (s != null) {
                        out.put(r, s.hash());
                    }
                }
                return out;
            }
        }

        @Override
        public void putSnapshot(Snapshot snapshot) {
            synchronized (lock) {
                put(snapshots, snapshot.ref(), snapshot);
            }
        }

        @Override
        public void removeSnapshot(RecordRef ref) {
            synchronized (lock) {
                remove(snapshots, ref);
                remove(seen, ref);
                putMatchKeys(ref, null, Set.of());
            }
        }

        @Override
        public List<Snapshot> snapshots(String system, String type, String afterId, int limit) {
            synchronized (lock) {
                RecordRef from = new RecordRef(system, type, afterId == null ? "" : afterId);
                List<Snapshot> out = new ArrayList<>();
                for (Snapshot s : snapshots.tailMap(from, afterId == null).values()) {
                    if (!s.ref().system().equals(system) || !s.ref().type().equals(type) || out.size() >= limit) {
                        break;
                    }
                    out.add(s);
                }
                return out;
            }
        }

        @Override
        public long countSnapshots(String system, Collection<String> types) {
            synchronized (lock) {
                return snapshots.keySet().stream().filter(r -> r.system().equals(system) && types.contains(r.type())).count();
            }
        }

        @Override
        public void markProcessed(RecordRef ref, String hash) {
            synchronized (lock) {
                Snapshot s = snapshots.get(ref);
                if (s != null && s.hash().equals(hash) && !s.processed()) {
                    put(snapshots, ref, s.withProcessed(true));
                }
            }
        }

        private void markDirty(RecordRef ref) {
            Snapshot s = snapshots.get(ref);
            if (s != null && s.processed()) {
                put(snapshots, ref, s.withProcessed(false));
            }
        }

        @Override
        public List<RecordRef> dirty(RecordRef after, int limit) {
            synchronized (lock) {
                List<RecordRef> out = new ArrayList<>();
                Map<RecordRef, Snapshot> tail = after == null ? snapshots : snapshots.tailMap(after, false);
                for (Snapshot s : tail.values()) {
                    if (out.size() >= limit) {
                        break;
                    }
                    if (!s.processed()) {
                        out.add(s.ref());
                    }
                }
                return out;
            }
        }

        @Override
        public long countDirty() {
            synchronized (lock) {
                return snapshots.values().stream().filter(s -> !s.processed()).count();
            }
        }

        @Override
        public int markDueFailuresDirty(Instant now) {
            synchronized (lock) {
                int n = 0;
                for (Failure f : List.copyOf(failures.values())) {
                    Snapshot s = snapshots.get(f.record());
                    if (s != null && s.processed() && (f.nextRetryAt() == null || !f.nextRetryAt().isAfter(now))) {
                        markDirty(f.record());
                        n++;
                    }
                }
                return n;
            }
        }

        @Override
        public int markMatchingReviewsDirty() {
            synchronized (lock) {
                int n = 0;
                for (ReviewItem r : List.copyOf(reviews.values())) {
                    Snapshot s = snapshots.get(r.record());
                    if (r.origin() == ReviewOrigin.MATCHING && s != null && s.processed()) {
                        markDirty(r.record());
                        n++;
                    }
                }
                return n;
            }
        }

        @Override
        public int markPendingDeletionsDirty() {
            synchronized (lock) {
                int n = 0;
                for (String entity : entitiesWithDeletedMember(null, Integer.MAX_VALUE)) {
                    for (RecordRef r : linksByEntity.getOrDefault(entity, Set.of())) {
                        Snapshot s = snapshots.get(r);
                        if (s != null && s.processed()) {
                            markDirty(r);
                            n++;
                        }
                    }
                }
                return n;
            }
        }

        // -------------------------------------------------------------- scans

        @Override
        public long nextScan() {
            synchronized (lock) {
                guard();
                return nextScan++;
            }
        }

        @Override
        public void markSeen(Collection<RecordRef> refs, long scan) {
            synchronized (lock) {
                for (RecordRef r : refs) {
                    if (snapshots.containsKey(r)) {
                        put(seen, r, scan);
                    }
                }
            }
        }

        @Override
        public List<RecordRef> unseen(String system, String type, long scan, String afterId, int limit) {
            synchronized (lock) {
                List<RecordRef> out = new ArrayList<>();
                for (Snapshot s : snapshots(system, type, afterId, Integer.MAX_VALUE)) {
                    if (out.size() >= limit) {
                        break;
                    }
                    Long at = seen.get(s.ref());
                    if (at == null || at < scan) {
                        out.add(s.ref());
                    }
                }
                return out;
            }
        }

        // -------------------------------------------------------------- match keys

        @Override
        public void putMatchKeys(RecordRef ref, String canonicalType, Set<String> keys) {
            synchronized (lock) {
                ChangeSet.MatchKeys old = matchKeys.get(ref);
                if (old != null) {
                    old.keys().forEach(k -> removeFrom(keyIndex, old.canonicalType() + "\u0000" + k, ref));
                    remove(matchKeys, ref);
                }
                if (canonicalType != null && !keys.isEmpty()) {
                    put(matchKeys, ref, new ChangeSet.MatchKeys(ref, canonicalType, keys));
                    keys.forEach(k -> addTo(keyIndex, canonicalType + "\u0000" + k, ref));
                }
            }
        }

        @Override
        public List<MatchHolder> holders(String canonicalType, Collection<String> keys) {
            synchronized (lock) {
                List<MatchHolder> out = new ArrayList<>();
                for (String k : new LinkedHashSet<>(keys)) {
                    for (RecordRef r : keyIndex.getOrDefault(canonicalType + "\u0000" + k, Set.of())) {
                        out.add(new MatchHolder(k, r));
                    }
                }
                return out;
            }
        }

        @Override
        public List<MatchHolder> holdersStartingWith(String canonicalType, String prefix, int limit) {
            if (prefix == null || prefix.isEmpty() || limit <= 0) {
                return List.of();
            }
            synchronized (lock) {
                List<MatchHolder> out = new ArrayList<>();
                for (ChangeSet.MatchKeys m : matchKeys.values()) {
                    if (!m.canonicalType().equals(canonicalType)) {
                        continue;
                    }
                    for (String k : m.keys()) {
                        if (k.startsWith(prefix)) {
                            out.add(new MatchHolder(k, m.ref()));
                        }
                    }
                }
                out.sort(BY_KEY_THEN_REF);
                return List.copyOf(out.subList(0, Math.min(limit, out.size())));
            }
        }

        // -------------------------------------------------------------- entities

        @Override
        public Optional<Entity> entity(String id) {
            synchronized (lock) {
                return Optional.ofNullable(entities.get(id));
            }
        }

        @Override
        public Map<String, Entity> entities(Collection<String> ids) {
            synchronized (lock) {
                Map<String, Entity> out = new LinkedHashMap<>();
                for (String id : ids) {
                    Entity e = entities.get(id);
                    if (e != null) {
                        out.put(id, e);
                    }
                }
                return out;
            }
        }

        @Override
        public void putEntity(Entity entity) {
            synchronized (lock) {
                put(entities, entity.id(), entity);
            }
        }

        @Override
        public void removeEntity(String id) {
            synchronized (lock) {
                remove(entities, id);
            }
        }

        @Override
        public List<Entity> entities(String afterId, int limit) {
            synchronized (lock) {
                Map<String, Entity> tail = afterId == null ? entities : entities.tailMap(afterId, false);
                return tail.values().stream().limit(limit).toList();
            }
        }

        // -------------------------------------------------------------- links

        @Override
        public Optional<Link> link(RecordRef ref) {
            synchronized (lock) {
                return Optional.ofNullable(links.get(ref));
            }
        }

        @Override
        public Map<RecordRef, Link> links(Collection<RecordRef> refs) {
            synchronized (lock) {
                Map<RecordRef, Link> out = new LinkedHashMap<>();
                for (RecordRef r : refs) {
                    Link l = links.get(r);
                    if (l != null) {
                        out.put(r, l);
                    }
                }
                return out;
            }
        }

        @Override
        public List<Link> links(RecordRef after, int limit) {
            synchronized (lock) {
                Map<RecordRef, Link> tail = after == null ? links : links.tailMap(after, false);
                return tail.values().stream().limit(limit).toList();
            }
        }

        @Override
        public void putLink(Link link) {
            synchronized (lock) {
                Link old = links.get(link.ref());
                if (old != null && !old.entityId().equals(link.entityId())) {
                    removeFrom(linksByEntity, old.entityId(), link.ref());
                }
                put(links, link.ref(), link);
                addTo(linksByEntity, link.entityId(), link.ref());
            }
        }

        @Override
        public void removeLink(RecordRef ref) {
            synchronized (lock) {
                Link old = links.get(ref);
                if (old != null) {
                    removeFrom(linksByEntity, old.entityId(), ref);
                    remove(links, ref);
                }
            }
        }

        @Override
        public List<Link> linksOf(String entityId) {
            synchronized (lock) {
                TreeSet<RecordRef> refs = new TreeSet<>(REF_ORDER);
                refs.addAll(linksByEntity.getOrDefault(entityId, Set.of()));
                return refs.stream().map(links::get).filter(Objects::nonNull).toList();
            }
        }

        @Override
        public Map<String, List<Link>> linksOf(Collection<String> entityIds) {
            synchronized (lock) {
                Map<String, List<Link>> out = new LinkedHashMap<>();
                for (String id : entityIds) {
                    List<Link> l = linksOf(id);
                    if (!l.isEmpty()) {
                        out.put(id, l);
                    }
                }
                return out;
            }
        }

        @Override
        public long countLinkedEntities() {
            synchronized (lock) {
                return linksByEntity.values().stream().filter(s -> s.size() >= 2).count();
            }
        }

        @Override
        public List<String> entitiesWithDeletedMember(String afterId, int limit) {
            synchronized (lock) {
                TreeSet<String> ids = new TreeSet<>();
                for (Map.Entry<String, Set<RecordRef>> e : linksByEntity.entrySet()) {
                    if (afterId != null && e.getKey().compareTo(afterId) <= 0) {
                        continue;
                    }
                    boolean deleted = false;
                    boolean active = false;
                    for (RecordRef r : e.getValue()) {
                        LinkState s = links.get(r).state();
                        deleted |= s == LinkState.DELETED_IN_SOURCE;
                        active |= s == LinkState.ACTIVE;
                    }
                    if (deleted && active) {
                        ids.add(e.getKey());
                    }
                }
                return ids.stream().limit(limit).toList();
            }
        }

        // -------------------------------------------------------------- intents

        @Override
        public Optional<WriteIntent> intent(String key) {
            synchronized (lock) {
                return Optional.ofNullable(intents.get(key));
            }
        }

        @Override
        public void putIntent(WriteIntent intent) {
            synchronized (lock) {
                if (!intents.containsKey(intent.key())) {
                    intentOrder.add(intent.key());
                }
                put(intents, intent.key(), intent);
            }
        }

        @Override
        public List<WriteIntent> intents(IntentState state) {
            synchronized (lock) {
                List<WriteIntent> out = new ArrayList<>();
                for (String key : intentOrder) {
                    WriteIntent i = intents.get(key);
                    if (i != null && i.state() == state) {
                        out.add(i);
                    }
                }
                return out;
            }
        }

        @Override
        public Set<String> entitiesWithPendingIntent(Collection<String> entityIds) {
            synchronized (lock) {
                Set<String> wanted = new HashSet<>(entityIds);
                Set<String> out = new LinkedHashSet<>();
                for (WriteIntent i : intents.values()) {
                    if (i.state() == IntentState.PENDING && wanted.contains(i.entityId())) {
                        out.add(i.entityId());
                    }
                }
                return out;
            }
        }

        // -------------------------------------------------------------- checkpoints

        @Override
        public Checkpoint checkpoint(StreamKey stream) {
            synchronized (lock) {
                return checkpoints.getOrDefault(stream, Checkpoint.NONE);
            }
        }

        @Override
        public void putCheckpoint(StreamKey stream, Checkpoint checkpoint) {
            synchronized (lock) {
                put(checkpoints, stream, checkpoint);
            }
        }

        // -------------------------------------------------------------- failures

        @Override
        public Failure putFailure(Failure failure) {
            synchronized (lock) {
                Optional<Failure> existing = failure(failure.record(), failure.target());
                long id = existing.map(Failure::id).orElse(failure.id() != 0 ? failure.id() : nextId++);
                nextId = Math.max(nextId, id + 1);
                Failure stored = failure.withId(id);
                put(failures, id, stored);
                return stored;
            }
        }

        @Override
        public Optional<Failure> failure(long id) {
            synchronized (lock) {
                return Optional.ofNullable(failures.get(id));
            }
        }

        @Override
        public Optional<Failure> failure(RecordRef record, String target) {
            synchronized (lock) {
                return failures.values().stream()
                        .filter(f -> f.record().equals(record) && f.target().equals(target)).findFirst();
            }
        }

        @Override
        public List<Failure> failuresOf(Collection<RecordRef> records) {
            synchronized (lock) {
                Set<RecordRef> wanted = new HashSet<>(records);
                return failures.values().stream().filter(f -> wanted.contains(f.record())).toList();
            }
        }

        @Override
        public List<Failure> failures() {
            synchronized (lock) {
                return List.copyOf(failures.values());
            }
        }

        @Override
        public void removeFailure(long id) {
            synchronized (lock) {
                remove(failures, id);
            }
        }

        // -------------------------------------------------------------- conflicts

        @Override
        public Conflict putConflict(Conflict conflict) {
            synchronized (lock) {
                long id = conflict.id() != 0 ? conflict.id() : nextId++;
                nextId = Math.max(nextId, id + 1);
                Conflict stored = conflict.withId(id);
                put(conflicts, id, stored);
                return stored;
            }
        }

        @Override
        public Optional<Conflict> conflict(long id) {
            synchronized (lock) {
                return Optional.ofNullable(conflicts.get(id));
            }
        }

        @Override
        public List<Conflict> conflicts(int limit) {
            synchronized (lock) {
                List<Conflict> all = new ArrayList<>(conflicts.values());
                java.util.Collections.reverse(all);
                return List.copyOf(all.subList(0, Math.min(Math.max(0, limit), all.size())));
            }
        }

        // -------------------------------------------------------------- reviews

        @Override
        public ReviewItem putReview(ReviewItem item) {
            synchronized (lock) {
                Optional<ReviewItem> existing = review(item.record());
                long id = existing.map(ReviewItem::id).orElse(item.id() != 0 ? item.id() : nextId++);
                nextId = Math.max(nextId, id + 1);
                ReviewItem stored = item.withId(id);
                put(reviews, id, stored);
                return stored;
            }
        }

        @Override
        public Optional<ReviewItem> review(RecordRef record) {
            synchronized (lock) {
                return reviews.values().stream().filter(r -> r.record().equals(record)).findFirst();
            }
        }

        @Override
        public Map<RecordRef, ReviewItem> reviews(Collection<RecordRef> records) {
            synchronized (lock) {
                Set<RecordRef> wanted = new HashSet<>(records);
                Map<RecordRef, ReviewItem> out = new LinkedHashMap<>();
                for (ReviewItem r : reviews.values()) {
                    if (wanted.contains(r.record())) {
                        out.put(r.record(), r);
                    }
                }
                return out;
            }
        }

        @Override
        public void removeReview(RecordRef record) {
            synchronized (lock) {
                review(record).ifPresent(r -> remove(reviews, r.id()));
            }
        }

        @Override
        public List<ReviewItem> reviews() {
            synchronized (lock) {
                return List.copyOf(reviews.values());
            }
        }

        @Override
        public Map<String, Long> openConflictsByFlow() {
            synchronized (lock) {
                Map<String, Long> open = new TreeMap<>();
                conflicts.values().stream().filter(c -> !c.restored() && c.flowId() != null)
                        .forEach(c -> open.merge(c.flowId(), 1L, Long::sum));
                return open;
            }
        }

        @Override
        public Map<String, Long> reviewsByFlow() {
            synchronized (lock) {
                Map<String, Long> out = new TreeMap<>();
                reviews.values().stream().filter(r -> r.flowId() != null).forEach(r -> out.merge(r.flowId(), 1L, Long::sum));
                return out;
            }
        }

        // -------------------------------------------------------------- status

        @Override
        public StatusTally statusTally() {
            synchronized (lock) {
                Set<RecordRef> failing = new HashSet<>();
                failures.values().forEach(f -> failing.add(f.record()));
                Map<String, long[]> linked = new TreeMap<>();
                for (Entity e : entities.values()) {
                    List<Link> ls = linksOf(e.id());
                    if (ls.size() < 2 || ls.stream().anyMatch(l -> l.state() == LinkState.DELETED_IN_SOURCE)) {
                        continue;
                    }
                    long[] c = linked.computeIfAbsent(e.flowId(), x -> new long[3]);
                    c[0]++;
                    if (ls.stream().anyMatch(l -> l.state() == LinkState.FILTERED_OUT)) {
                        c[2]++;
                    } else if (ls.stream().allMatch(l -> snapshots.containsKey(l.ref()) && snapshots.get(l.ref()).processed()
                            && !failing.contains(l.ref()))) {
                        c[1]++;
                    }
                }
                Map<String, StatusTally.Linked> linkedOut = new TreeMap<>();
                linked.forEach((flow, c) -> linkedOut.put(flow, new StatusTally.Linked(c[0], c[1], c[2])));
                return new StatusTally(linkedOut, failureTally(), openConflictsByFlow(), reviewsByFlow());
            }
        }

        @Override
        public List<StatusTally.Failures> failureTally() {
            synchronized (lock) {
                Map<List<String>, Long> failureCounts = new LinkedHashMap<>();
                for (Failure f : failures.values()) {
                    Link l = links.get(f.record());
                    Entity e = l == null ? null : entities.get(l.entityId());
                    failureCounts.merge(java.util.Arrays.asList(e == null ? null : e.flowId(), f.record().system(),
                            f.record().type()), 1L, Long::sum);
                }
                List<StatusTally.Failures> out = new ArrayList<>();
                failureCounts.forEach((k, n) -> out.add(new StatusTally.Failures(k.get(0), k.get(1), k.get(2), n)));
                return List.copyOf(out);
            }
        }

        // -------------------------------------------------------------- activity and runs

        @Override
        public void appendActivity(Activity a) {
            synchronized (lock) {
                guard();
                activity.add(a);
            }
        }

        @Override
        public List<Activity> activity(RecordRef record, int limit) {
            synchronized (lock) {
                List<Activity> mine = new ArrayList<>();
                for (Activity a : activity) {
                    if (a.record().equals(record)) {
                        mine.add(a);
                    }
                }
                java.util.Collections.reverse(mine);
                mine.sort(Comparator.comparing(Activity::at).reversed());
                return List.copyOf(mine.subList(0, Math.min(Math.max(0, limit), mine.size())));
            }
        }

        @Override
        public RunRecord addRun(RunRecord run) {
            synchronized (lock) {
                guard();
                RunRecord stored = run.withId(nextId++);
                runs.add(stored);
                return stored;
            }
        }

        @Override
        public List<RunRecord> runs(int limit) {
            synchronized (lock) {
                List<RunRecord> all = new ArrayList<>(runs);
                java.util.Collections.reverse(all);
                return List.copyOf(all.subList(0, Math.min(Math.max(0, limit), all.size())));
            }
        }

        // -------------------------------------------------------------- housekeeping

        /** The rows a retention removes, found in one pass. */
        private record Prunable(Set<Long> runIds, Set<Integer> activityIndexes, Set<Long> conflictIds,
                                Set<String> intentKeys) {
            Pruned counts() {
                return new Pruned(runIds.size(), activityIndexes.size(), conflictIds.size(), intentKeys.size());
            }
        }

        private Prunable select(Retention r) {
            Set<Long> runIds = new HashSet<>();
            for (int i = 0; i < runs.size() - 1; i++) { // the newest (last) run is kept
                RunRecord run = runs.get(i);
                if (r.runExpired(run.startedAt())) {
                    runIds.add(run.id());
                }
            }
            Set<RecordRef> needed = new HashSet<>();
            failures.values().forEach(f -> needed.add(f.record()));
            reviews.values().forEach(x -> needed.add(x.record()));
            intents.values().stream().filter(i -> i.state() == IntentState.PENDING).forEach(i -> needed.add(i.source()));
            Map<RecordRef, List<Integer>> byRecord = new HashMap<>();
            for (int i = 0; i < activity.size(); i++) {
                byRecord.computeIfAbsent(activity.get(i).record(), k -> new ArrayList<>()).add(i);
            }
            Set<Integer> lines = new HashSet<>();
            byRecord.forEach((record, indexes) -> {
                // newest first; among lines of the same instant, the last appended first
                indexes.sort(Comparator.comparing((Integer i) -> activity.get(i).at()).thenComparing(i -> i).reversed());
                for (int newer = 0; newer < indexes.size(); newer++) {
                    Activity a = activity.get(indexes.get(newer));
                    if (r.beyondVersions(newer) || (r.activityExpired(a.at()) && !needed.contains(record))) {
                        lines.add(indexes.get(newer));
                    }
                }
            });
            Set<Long> conflictIds = new HashSet<>();
            conflicts.values().stream().filter(c -> c.restored() && r.activityExpired(c.at()))
                    .forEach(c -> conflictIds.add(c.id()));
            Set<String> intentKeys = new HashSet<>();
            intents.values().stream().filter(i -> i.state() != IntentState.PENDING && r.activityExpired(i.createdAt()))
                    .forEach(i -> intentKeys.add(i.key()));
            return new Prunable(runIds, lines, conflictIds, intentKeys);
        }

        @Override
        public Pruned prune(Retention retention) {
            synchronized (lock) {
                if (undo != null) {
                    throw new IllegalStateException("prune runs on its own, not inside a transaction");
                }
                Prunable p = select(retention);
                runs.removeIf(run -> p.runIds().contains(run.id()));
                List<Activity> kept = new ArrayList<>();
                for (int i = 0; i < activity.size(); i++) {
                    if (!p.activityIndexes().contains(i)) {
                        kept.add(activity.get(i));
                    }
                }
                activity.clear();
                activity.addAll(kept);
                p.conflictIds().forEach(conflicts::remove);
                p.intentKeys().forEach(intents::remove);
                intentOrder.removeAll(p.intentKeys());
                return p.counts();
            }
        }

        @Override
        public Pruned prunable(Retention retention) {
            synchronized (lock) {
                return select(retention).counts();
            }
        }

        // -------------------------------------------------------------- fingerprint

        @Override
        public Optional<String> mappingFingerprint() {
            synchronized (lock) {
                return Optional.ofNullable(fingerprint);
            }
        }

        @Override
        public void putMappingFingerprint(String value) {
            synchronized (lock) {
                guard();
                fingerprint = value;
            }
        }
    }
}
