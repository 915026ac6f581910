package io.tolk.engine.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link Store} held in memory: for tests, and as the scratch state of a dry run. Thread-safe (one monitor per
 * store). Transactions keep an undo journal and roll back when the work throws.
 */
public final class InMemoryStore implements Store {

    private final Clock clock;
    private final Map<String, Memory> connections = new TreeMap<>();
    private final Map<String, Lock> locks = new HashMap<>();

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
    public void close() {
    }

    static final Comparator<RecordRef> REF_ORDER = Comparator.comparing(RecordRef::system)
            .thenComparing(RecordRef::type).thenComparing(RecordRef::id);

    /** One connection's state. All methods synchronise on the owning store. */
    private static final class Memory implements ConnectionStore {
        private final String name;
        private final Object lock;
        private final Map<RecordRef, Snapshot> snapshots = new TreeMap<>(REF_ORDER);
        private final Map<String, Entity> entities = new TreeMap<>();
        private final Map<RecordRef, Link> links = new TreeMap<>(REF_ORDER);
        private final Map<String, CreateIntent> intents = new HashMap<>();
        private final List<String> intentOrder = new ArrayList<>();
        private final Map<String, Checkpoint> checkpoints = new HashMap<>();
        private final Map<Long, Failure> failures = new TreeMap<>();
        private final Map<Long, Conflict> conflicts = new TreeMap<>();
        private final Map<Long, ReviewItem> reviews = new TreeMap<>();
        private final List<Activity> activity = new ArrayList<>();
        private final List<RunRecord> runs = new ArrayList<>();
        private String fingerprint;
        private long nextId = 1;
        private Deque<Runnable> undo;
        private int depth;

        Memory(String name, Object lock) {
            this.name = name;
            this.lock = lock;
        }

        private <K, V> void put(Map<K, V> map, K key, V value) {
            V before = map.put(key, value);
            journal(() -> {
                if (before == null) {
                    map.remove(key);
                } else {
                    map.put(key, before);
                }
            });
        }

        private <K, V> void remove(Map<K, V> map, K key) {
            V before = map.remove(key);
            if (before != null) {
                journal(() -> map.put(key, before));
            }
        }

        private void journal(Runnable action) {
            if (undo != null) {
                undo.push(action);
            }
        }

        private long newId() {
            long id = nextId++;
            journal(() -> nextId = id);
            return id;
        }

        /** Keeps ids given by the caller (a copied store) from being handed out again. */
        private void bump(long id) {
            if (id >= nextId) {
                long before = nextId;
                nextId = id + 1;
                journal(() -> nextId = before);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void inTransaction(Consumer<ConnectionStore> work) {
            synchronized (lock) {
                if (depth == 0) {
                    undo = new ArrayDeque<>();
                }
                depth++;
                boolean ok = false;
                try {
                    work.accept(this);
                    ok = true;
                } finally {
                    depth--;
                    if (depth == 0) {
                        Deque<Runnable> actions = undo;
                        undo = null;
                        if (!ok) {
                            actions.forEach(Runnable::run);
                        }
                    }
                }
            }
        }

        @Override
        public Optional<Snapshot> snapshot(RecordRef ref) {
            synchronized (lock) {
                return Optional.ofNullable(snapshots.get(ref));
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
            }
        }

        @Override
        public List<Snapshot> snapshots(String system, String type) {
            synchronized (lock) {
                return snapshots.values().stream()
                        .filter(s -> s.ref().system().equals(system) && s.ref().type().equals(type)).toList();
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

        @Override
        public Optional<Entity> entity(String id) {
            synchronized (lock) {
                return Optional.ofNullable(entities.get(id));
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
        public List<Entity> entities() {
            synchronized (lock) {
                return List.copyOf(entities.values());
            }
        }

        @Override
        public Optional<Link> link(RecordRef ref) {
            synchronized (lock) {
                return Optional.ofNullable(links.get(ref));
            }
        }

        @Override
        public void putLink(Link link) {
            synchronized (lock) {
                put(links, link.ref(), link);
            }
        }

        @Override
        public void removeLink(RecordRef ref) {
            synchronized (lock) {
                remove(links, ref);
            }
        }

        @Override
        public List<Link> linksOf(String entityId) {
            synchronized (lock) {
                return links.values().stream().filter(l -> l.entityId().equals(entityId)).toList();
            }
        }

        @Override
        public List<Link> links() {
            synchronized (lock) {
                return List.copyOf(links.values());
            }
        }

        @Override
        public Optional<CreateIntent> intent(String key) {
            synchronized (lock) {
                return Optional.ofNullable(intents.get(key));
            }
        }

        @Override
        public void putIntent(CreateIntent intent) {
            synchronized (lock) {
                if (!intents.containsKey(intent.key())) {
                    intentOrder.add(intent.key());
                    journal(() -> intentOrder.remove(intentOrder.size() - 1));
                }
                put(intents, intent.key(), intent);
            }
        }

        @Override
        public List<CreateIntent> intents(IntentState state) {
            synchronized (lock) {
                return intentOrder.stream().map(intents::get).filter(i -> i.state() == state).toList();
            }
        }

        @Override
        public Checkpoint checkpoint(String system, String stream) {
            synchronized (lock) {
                return checkpoints.getOrDefault(system + "\u0000" + stream, Checkpoint.NONE);
            }
        }

        @Override
        public void putCheckpoint(String system, String stream, Checkpoint checkpoint) {
            synchronized (lock) {
                put(checkpoints, system + "\u0000" + stream, checkpoint);
            }
        }

        @Override
        public Failure putFailure(Failure failure) {
            synchronized (lock) {
                Optional<Failure> existing = failure(failure.record(), failure.target());
                long id = existing.map(Failure::id).orElse(failure.id());
                if (id == 0) {
                    id = newId();
                } else {
                    bump(id);
                }
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

        @Override
        public Conflict putConflict(Conflict conflict) {
            synchronized (lock) {
                Conflict stored = conflict.id() == 0 ? conflict.withId(newId()) : conflict;
                bump(stored.id());
                put(conflicts, stored.id(), stored);
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
                return List.copyOf(all.subList(0, Math.min(limit, all.size())));
            }
        }

        @Override
        public ReviewItem putReview(ReviewItem item) {
            synchronized (lock) {
                long id = review(item.record()).map(ReviewItem::id).orElse(item.id());
                if (id == 0) {
                    id = newId();
                } else {
                    bump(id);
                }
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
        public void removeReview(RecordRef record) {
            synchronized (lock) {
                review(record).ifPresent(r -> remove(reviews, r.id()));
            }
        }

        @Override
        public StatusTally statusTally() {
            synchronized (lock) {
                Map<String, List<Link>> byEntity = new HashMap<>();
                links.values().forEach(l -> byEntity.computeIfAbsent(l.entityId(), x -> new ArrayList<>()).add(l));
                java.util.Set<RecordRef> failing = new java.util.HashSet<>();
                failures.values().forEach(f -> failing.add(f.record()));
                Map<String, long[]> linked = new TreeMap<>();
                for (Entity e : entities.values()) {
                    List<Link> ls = byEntity.getOrDefault(e.id(), List.of());
                    if (ls.size() != 2 || ls.stream().anyMatch(l -> l.state() == LinkState.DELETED_IN_SOURCE)) {
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
                Map<List<String>, Long> failureCounts = new java.util.LinkedHashMap<>();
                for (Failure f : failures.values()) {
                    Link l = links.get(f.record());
                    Entity e = l == null ? null : entities.get(l.entityId());
                    failureCounts.merge(java.util.Arrays.asList(e == null ? null : e.flowId(), f.record().system(),
                            f.record().type()), 1L, Long::sum);
                }
                List<StatusTally.Failures> failuresOut = new ArrayList<>();
                failureCounts.forEach((k, n) -> failuresOut.add(new StatusTally.Failures(k.get(0), k.get(1), k.get(2), n)));
                Map<String, Long> open = new TreeMap<>();
                conflicts.values().stream().filter(c -> !c.restored() && c.flowId() != null)
                        .forEach(c -> open.merge(c.flowId(), 1L, Long::sum));
                Map<String, Long> waiting = new TreeMap<>();
                reviews.values().stream().filter(r -> r.flowId() != null).forEach(r -> waiting.merge(r.flowId(), 1L, Long::sum));
                return new StatusTally(linkedOut, failuresOut, open, waiting);
            }
        }

        @Override
        public List<ReviewItem> reviews() {
            synchronized (lock) {
                return List.copyOf(reviews.values());
            }
        }

        @Override
        public void appendActivity(Activity entry) {
            synchronized (lock) {
                activity.add(entry);
                journal(() -> activity.remove(activity.size() - 1));
            }
        }

        @Override
        public List<Activity> activity(RecordRef record, int limit) {
            synchronized (lock) {
                List<Activity> result = new ArrayList<>();
                for (int i = activity.size() - 1; i >= 0 && result.size() < limit; i--) {
                    if (activity.get(i).record().equals(record)) {
                        result.add(activity.get(i));
                    }
                }
                result.sort(Comparator.comparing(Activity::at).reversed());
                return List.copyOf(result);
            }
        }

        @Override
        public RunRecord addRun(RunRecord run) {
            synchronized (lock) {
                RunRecord stored = run.withId(newId());
                runs.add(stored);
                journal(() -> runs.remove(runs.size() - 1));
                return stored;
            }
        }

        @Override
        public List<RunRecord> runs(int limit) {
            synchronized (lock) {
                List<RunRecord> result = new ArrayList<>();
                for (int i = runs.size() - 1; i >= 0 && result.size() < limit; i--) {
                    result.add(runs.get(i));
                }
                return List.copyOf(result);
            }
        }

        @Override
        public Optional<String> mappingFingerprint() {
            synchronized (lock) {
                return Optional.ofNullable(fingerprint);
            }
        }

        @Override
        public void putMappingFingerprint(String value) {
            synchronized (lock) {
                String before = fingerprint;
                fingerprint = value;
                journal(() -> fingerprint = before);
            }
        }
    }
}
