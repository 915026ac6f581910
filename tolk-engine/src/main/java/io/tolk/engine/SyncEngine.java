package io.tolk.engine;

import io.tolk.api.Connector;
import io.tolk.api.RecordRef;
import io.tolk.engine.cycle.ChangeListener;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.cycle.DryRunConnector;
import io.tolk.engine.cycle.Reread;
import io.tolk.engine.cycle.SyncCycle;
import io.tolk.engine.cycle.Systems;
import io.tolk.engine.identity.RecordNames;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.FlowSide;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.policy.SyncOptions;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.InMemoryStore;
import io.tolk.engine.store.OverlayStore;
import io.tolk.engine.store.ReviewOrigin;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.store.StatusTally;
import io.tolk.engine.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the CLI and the service call: one connection's sync, its dry run, and the commands that inspect or decide its
 * state. Each method is one command; none keeps state between calls (everything lives in the {@link Store}).
 *
 * <p>{@link #runCycle()} takes the connection's lock and throws {@link EngineBusyException} when another process holds
 * it; {@link #plan()} and the read-only commands never take it. The engine does not own the connectors or the store:
 * the caller closes them.
 *
 * <p>Record references are written {@code system/type/id}, e.g. {@code crm/Organisation/123} ({@link #parseRef(String)}).
 */
public final class SyncEngine {

    private final String connection;
    private final Store store;
    private final Systems systems;
    private final Mapping mapping;
    private final SyncOptions options;
    private final Clock clock;
    private volatile ProgressListener progress = ProgressListener.NONE;
    private volatile ChangeListener changes = ChangeListener.NONE;
    private volatile StopSignal stop = StopSignal.NEVER;
    private volatile Duration lockLease = CycleLock.LEASE;
    private volatile java.util.function.Supplier<String> claim = () -> null;
    private final ChangeQueue notified = new ChangeQueue();
    private volatile Supplier<Store> scratch = () -> new InMemoryStore(Clock.systemUTC());

    /**
     * @param connection the connection's name ({@code default} for a single-connection config)
     * @param store      the durable state
     * @param connectors one connector per system the mapping's flows join (named by their {@code system()})
     * @throws IllegalArgumentException when a system of the mapping has no connector
     */
    public SyncEngine(String connection, Store store, List<? extends Connector> connectors, Mapping mapping,
                      SyncOptions options, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.store = Objects.requireNonNull(store, "store");
        this.systems = Systems.of(connectors);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (String system : mapping.systems()) {
            systems.get(system);
        }
    }

    /** Where long work reports progress (reading, writing). */
    public SyncEngine onProgress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /**
     * What may ask a running cycle to stop early (a signal, a service shutting down): the cycle then sends nothing
     * more, records every answer of what it sent, and ends {@code interrupted} (see {@link StopSignal}).
     */
    public SyncEngine onStop(StopSignal signal) {
        this.stop = signal == null ? StopSignal.NEVER : signal;
        return this;
    }

    /**
     * How long the connection's cycle lock lasts without renewal (60 s by default): a process that stops without
     * releasing it (killed, paused) holds the connection that long. A cluster sets its lease here, so a worker that
     * takes a connection over is not kept waiting by the lock of the worker it replaces.
     */
    public SyncEngine lockLease(Duration lease) {
        this.lockLease = lease;
        return this;
    }

    /**
     * Names the claim each cycle runs under (a cluster worker's claim of the connection, e.g. {@code w2@17}; asked at
     * the start of each cycle, {@code null} for none). The cycle lock's owner then carries it, and every commit the
     * cycle makes is logged with it in the store's commit log, in the commit's own transaction.
     */
    public SyncEngine claimedBy(java.util.function.Supplier<String> claim) {
        this.claim = claim == null ? () -> null : claim;
        return this;
    }

    /** Who is told every decision as it is made (a plan printed as it goes). */
    public SyncEngine onChange(ChangeListener listener) {
        this.changes = listener == null ? ChangeListener.NONE : listener;
        return this;
    }

    /**
     * Where a dry run keeps its own changes: a fresh, empty store per plan, closed when the plan ends (the default
     * keeps them in memory; a file-backed store keeps a large plan out of memory).
     */
    public SyncEngine planScratch(Supplier<Store> stores) {
        this.scratch = Objects.requireNonNull(stores, "stores");
        return this;
    }

    private ConnectionStore db() {
        return store.connection(connection);
    }

    // ------------------------------------------------------------------------------------------------ cycles

    /**
     * Runs one cycle: reads both systems, links, creates and updates, and records the run.
     *
     * @throws EngineBusyException when another process is syncing this connection
     * @throws io.tolk.api.ConnectorException when a system cannot be read or reached (the CLI exits 3)
     */
    public CycleReport runCycle() {
        try (CycleLock lock = CycleLock.acquire(store, connection, lockLease, claim.get())) {
            CycleReport report = new SyncCycle(db(), systems, mapping, options, clock, progress, changes, false, stop,
                    notified, SyncCycle.Scope.FULL).run();
            return report.withWarnings(lock.warnings());
        }
    }

    /**
     * Records a system notified as changed (its webhooks). They are synced by the cycle in progress between its read
     * pages and chunks, or else by {@link #runNotifiedCycle()}; tolk's own writes coming back cost no read.
     */
    public void notified(java.util.Collection<ChangeQueue.Notice> notices) {
        notified.add(notices);
    }

    /** The notified records waiting, and what became of the earlier ones. */
    public ChangeQueue notices() {
        return notified;
    }

    /**
     * A small cycle of the notified records only: they are read again by id and synced, nothing else is read. Takes
     * the connection's lock like a full cycle; while a full cycle runs, that cycle takes the notices instead.
     *
     * @throws EngineBusyException when another process is syncing this connection
     */
    public CycleReport runNotifiedCycle() {
        try (CycleLock lock = CycleLock.acquire(store, connection, lockLease, claim.get())) {
            CycleReport report = new SyncCycle(db(), systems, mapping, options, clock, progress, changes, false, stop,
                    notified, SyncCycle.Scope.NOTIFIED).run();
            return report.withWarnings(lock.warnings());
        }
    }

    /**
     * The dry run: the decisions one cycle would make now, made by the same code over a store that sees the real one
     * with the run's own changes on top ({@link OverlayStore}: nothing is copied up front), with connectors that read
     * but never write. Nothing is written to any system or to the store. If nothing changes in between, the next
     * {@link #runCycle()} makes exactly {@link Plan#writes()}.
     */
    public Plan plan() {
        Map<String, Long> creditsBefore = credits();
        try (Store scratchStore = scratch.get()) {
            ConnectionStore overlay = new OverlayStore(db(), scratchStore.connection(connection));
            CycleReport report = new SyncCycle(overlay, systems.map(DryRunConnector::new), mapping, options, clock, progress,
                    changes, true).run();
            Map<String, Long> credits = new LinkedHashMap<>();
            credits().forEach((system, used) -> credits.put(system, used - creditsBefore.getOrDefault(system, 0L)));
            for (CycleReport.WriteTally t : report.writeTallies()) {
                if (!credits.containsKey(t.system())) {
                    continue;
                }
                io.tolk.api.RecordWriter writer = systems.get(t.system()).writer(t.type());
                io.tolk.api.WriteOperation op = io.tolk.api.WriteOperation.valueOf(t.kind().name());
                long batch = Math.max(1, writer.maxBatchSize());
                long cost = (t.records() / batch) * writer.creditCost(op, (int) batch)
                        + (t.records() % batch == 0 ? 0 : writer.creditCost(op, (int) (t.records() % batch)));
                credits.merge(t.system(), cost, Long::sum);
            }
            return new Plan(report, credits);
        }
    }

    /** Credits each system that charges them has spent so far. */
    private Map<String, Long> credits() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Connector c : systems.all()) {
            if (c.usage() != null && c.usage().creditsUsed() >= 0) {
                out.put(c.system(), c.usage().creditsUsed());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ read-only views

    /**
     * Per flow: linked, in sync, filtered out, failing, conflicts, needs review; and the last cycle. The store counts
     * (a few aggregate queries), so this stays quick on a large store.
     */
    public EngineStatus status() {
        ConnectionStore db = db();
        StatusTally tally = db.statusTally();
        Map<String, Long> failing = failingByFlow(tally.failures());
        List<FlowStatus> flows = new ArrayList<>();
        for (Flow f : mapping.flows()) {
            StatusTally.Linked linked = tally.linked().getOrDefault(f.id(), new StatusTally.Linked(0, 0, 0));
            flows.add(new FlowStatus(f.id(), f.sides().stream().map(FlowSide::type).collect(Collectors.joining(" ⇄ ")),
                    linked.linked(), linked.inSync(), linked.filteredOut(), failing.getOrDefault(f.id(), 0L),
                    tally.openConflicts().getOrDefault(f.id(), 0L), tally.reviews().getOrDefault(f.id(), 0L)));
        }
        return new EngineStatus(connection, flows, db.runs(1).stream().findFirst());
    }

    /**
     * How many records of the mapped flows are failing: the sum of {@link FlowStatus#failing()} over
     * {@link #status()}'s flows, from the failures alone (cheap enough to ask after every cycle, unlike the status's
     * tally of every link).
     */
    public long failing() {
        return failingByFlow(db().failureTally()).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The failing, open-conflict and review counts of {@link #status()}'s flows, from the failures, conflicts and review
     * queue alone (three small counts, cheap enough to ask after every cycle, unlike the status's tally of every link).
     */
    public OpenCounts openCounts() {
        ConnectionStore db = db();
        return new OpenCounts(failing(), mapped(db.openConflictsByFlow()), mapped(db.reviewsByFlow()));
    }

    /** The sum of the counts of the mapped flows (counts of a flow no longer mapped are left out, as status does). */
    private long mapped(Map<String, Long> byFlow) {
        return mapping.flows().stream().mapToLong(f -> byFlow.getOrDefault(f.id(), 0L)).sum();
    }

    /** Failures per flow: the failing record's entity's flow, else the first flow of its record type; unmapped left out. */
    private Map<String, Long> failingByFlow(List<StatusTally.Failures> failures) {
        Map<String, Long> failing = new HashMap<>();
        for (StatusTally.Failures f : failures) {
            List<Flow> ofType = mapping.flowsFor(f.system(), f.type());
            String flow = f.flowId() != null ? f.flowId() : ofType.isEmpty() ? null : ofType.get(0).id();
            if (flow != null && mapping.flows().stream().anyMatch(m -> m.id().equals(flow))) {
                failing.merge(flow, f.count(), Long::sum);
            }
        }
        return failing;
    }

    /** Records that could not be synced, with the reason, attempts and next retry. */
    public List<Failure> failures() {
        return db().failures();
    }

    /** Conflicts decided, newest first. */
    public List<Conflict> conflicts(int limit) {
        return db().conflicts(limit);
    }

    /**
     * Records waiting for a person to decide their link, each with only the candidates it can be linked to: records of
     * another system (a record of its own system is never its partner, however alike).
     */
    public List<ReviewItem> reviewQueue() {
        List<ReviewItem> out = new ArrayList<>();
        for (ReviewItem r : db().reviews()) {
            List<RecordRef> others = r.candidates().stream().filter(c -> !c.system().equals(r.record().system())).toList();
            out.add(others.size() == r.candidates().size() ? r
                    : new ReviewItem(r.id(), r.record(), r.flowId(), others, r.reason(), r.at(), r.origin()));
        }
        return out;
    }

    /**
     * The review queue ({@link #reviewQueue()}) as a person decides it: with the records' names, and per candidate
     * the pair to link, in the order of the flow's systems.
     */
    public List<ReviewEntry> reviewEntries() {
        List<ReviewItem> queue = reviewQueue();
        Set<RecordRef> refs = new java.util.LinkedHashSet<>();
        queue.forEach(r -> {
            refs.add(r.record());
            refs.addAll(r.candidates());
        });
        Map<RecordRef, Snapshot> snapshots = db().snapshots(refs);
        RecordNames names = new RecordNames(mapping);
        Function<RecordRef, String> nameOf = ref -> {
            Snapshot s = snapshots.get(ref);
            return s == null ? "" : names.name(ref, s.fields());
        };
        List<ReviewEntry> out = new ArrayList<>();
        for (ReviewItem r : queue) {
            List<ReviewEntry.Option> options = new ArrayList<>();
            for (RecordRef c : r.candidates()) {
                options.add(new ReviewEntry.Option(c, nameOf.apply(c), inSystemOrder(r.flowId(), r.record(), c)));
            }
            out.add(new ReviewEntry(r, nameOf.apply(r.record()), options));
        }
        return out;
    }

    /** Two records of different systems in the order of their flow's systems (else of the mapping's). */
    private List<RecordRef> inSystemOrder(String flowId, RecordRef a, RecordRef b) {
        List<String> order = mapping.flows().stream().filter(f -> f.id().equals(flowId)).findFirst()
                .map(Flow::systems).orElse(mapping.systems());
        int ia = order.indexOf(a.system());
        int ib = order.indexOf(b.system());
        return ib >= 0 && (ia < 0 || ib < ia) ? List.of(b, a) : List.of(a, b);
    }

    /** Conflicts decided, newest first, each with the records of its winning and losing sides where still linked. */
    public List<ConflictEntry> conflictEntries(int limit) {
        ConnectionStore db = db();
        List<Conflict> conflicts = db.conflicts(limit);
        Map<String, List<Link>> members = db.linksOf(conflicts.stream().map(Conflict::entityId).distinct().toList());
        List<ConflictEntry> out = new ArrayList<>();
        for (Conflict c : conflicts) {
            List<Link> links = members.getOrDefault(c.entityId(), List.of());
            out.add(new ConflictEntry(c, sideOf(links, c.winnerSide()), sideOf(links, c.loserSide())));
        }
        return out;
    }

    private static Optional<RecordRef> sideOf(List<Link> links, String system) {
        return links.stream().map(Link::ref).filter(r -> r.system().equals(system)).findFirst();
    }

    /** A record's history, newest first. */
    public List<Activity> history(RecordRef ref, int limit) {
        return db().activity(ref, limit);
    }

    /**
     * The history of a record together with its partner's (what tolk wrote to the partner from it, and the partner's
     * own failures and conflicts): the newest {@code limit} lines, newest first, each naming its record.
     *
     * @throws IllegalArgumentException when tolk knows nothing of the record
     */
    public List<Activity> historyWithPartner(RecordRef ref, int limit) {
        ConnectionStore db = db();
        Set<RecordRef> refs = new java.util.LinkedHashSet<>();
        refs.add(ref);
        db.link(ref).ifPresent(l -> db.linksOf(l.entityId()).forEach(x -> refs.add(x.ref())));
        List<Activity> all = new ArrayList<>();
        for (RecordRef r : refs) {
            all.addAll(db.activity(r, limit));
        }
        if (all.isEmpty() && db.snapshot(ref).isEmpty()) {
            throw new IllegalArgumentException("tolk has not read " + ref + "; check the id, or run tolk sync first");
        }
        // stable: lines of one record keep their order (same instant: last appended first)
        all.sort(java.util.Comparator.comparing(Activity::at).reversed());
        return List.copyOf(all.subList(0, Math.min(Math.max(0, limit), all.size())));
    }

    // ------------------------------------------------------------------------------------------------ decisions

    /**
     * Makes the given failures due at once (all of them when {@code ids} is empty); the next cycle retries them.
     *
     * @return how many failures were made due
     * @throws IllegalArgumentException naming an id that is not a failure
     */
    public int retry(Collection<Long> ids) {
        ConnectionStore db = db();
        List<Failure> chosen = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            chosen.addAll(db.failures());
        } else {
            for (Long id : ids) {
                chosen.add(db.failure(id).orElseThrow(() -> new IllegalArgumentException("no failure with id " + id
                        + "; see tolk failures")));
            }
        }
        db.update(tx -> chosen.forEach(f -> tx.putFailure(f.withNextRetryAt(clock.instant()))));
        return chosen.size();
    }

    /**
     * Restores a conflict's losing value: the next cycle writes it to both systems.
     *
     * @throws IllegalArgumentException if there is no such conflict, it was already restored, or its records are gone
     */
    public Conflict restoreConflict(long id) {
        ConnectionStore db = db();
        Conflict c = db.conflict(id).orElseThrow(() -> new IllegalArgumentException("no conflict with id " + id + "; see tolk conflicts"));
        if (c.restored()) {
            throw new IllegalArgumentException("conflict " + id + " was already restored");
        }
        Entity e = db.entity(c.entityId()).orElseThrow(() -> new IllegalArgumentException(
                "conflict " + id + ": its records are no longer linked"));
        Map<String, String> forced = new LinkedHashMap<>(e.forced());
        forced.put(c.property(), c.loserValue());
        Conflict restored = c.asRestored();
        ChangeSet.Builder changes = ChangeSet.builder().entity(e.withBaseline(e.baseline(), forced, e.updatedAt()))
                .conflict(restored);
        for (Link l : db.linksOf(e.id())) {
            changes.activity(new Activity(l.ref(), clock.instant(), ActivityKind.RESTORED,
                    c.property() + " := " + (c.loserValue() == null ? "(empty)" : "'" + c.loserValue() + "'")
                            + " (conflict " + id + ")"));
            changes.dirty(l.ref());
        }
        db.apply(changes.build());
        return restored;
    }

    /**
     * Links two records of different systems as the same thing (a review decision). The next cycle merges them as at
     * any first link (rule 3: empty never overwrites non-empty; differences go to the tie winner and are recorded).
     *
     * @throws IllegalArgumentException when a record was never read, no flow joins the two types, or one is already
     *                                  linked to another record
     */
    public void link(RecordRef a, RecordRef b) {
        ConnectionStore db = db();
        if (a.system().equals(b.system())) {
            throw new IllegalArgumentException("link takes records of two different systems, e.g. " + example()
                    + "; got " + a + " " + b);
        }
        for (RecordRef r : List.of(a, b)) {
            if (db.snapshot(r).isEmpty()) {
                throw new IllegalArgumentException("tolk has not read " + r + "; check the id, or run tolk sync first");
            }
        }
        Flow flow = mapping.flows().stream().filter(f -> f.joins(a.system(), a.type()) && f.joins(b.system(), b.type()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no flow links " + a.type() + " with "
                        + b.type() + "; flows: " + mapping.flowIds()));
        for (RecordRef r : List.of(a, b)) {
            Optional<Link> existing = db.link(r);
            if (existing.isPresent() && db.linksOf(existing.get().entityId()).size() > 1) {
                RecordRef partner = db.linksOf(existing.get().entityId()).stream().map(Link::ref)
                        .filter(x -> !x.equals(r)).findFirst().orElseThrow();
                throw new IllegalArgumentException(r + " is already linked to " + partner + "; unlink it first");
            }
        }
        Entity e = new Entity(UUID.randomUUID().toString(), flow.canonicalType().key(), flow.id(), Map.of(), Map.of(),
                clock.instant(), clock.instant());
        ChangeSet.Builder changes = ChangeSet.builder();
        for (RecordRef r : List.of(a, b)) {
            db.link(r).ifPresent(old -> changes.removeEntity(old.entityId()));
            changes.removeReview(r);
            changes.link(Link.fresh(r, e.id(), clock.instant()));
            changes.dirty(r);
        }
        changes.entity(e);
        changes.activity(new Activity(a, clock.instant(), ActivityKind.LINKED, "by user with " + b));
        changes.activity(new Activity(b, clock.instant(), ActivityKind.LINKED, "by user with " + a));
        db.apply(changes.build());
    }

    /**
     * Has the next cycle create the record's partner in the other system instead of linking it to a candidate (a review
     * decision, for a record that is not the same thing as any record there). From now on matching leaves the record
     * alone: it is not linked to a candidate nor offered as one. It stays in the review queue, marked so, until its
     * partner exists; a create that fails is retried like any other.
     *
     * @throws IllegalArgumentException when tolk has not read the record, it is linked with a partner already, or no
     *                                  flow creates its partners
     */
    public ReviewItem createPartner(RecordRef ref) {
        ConnectionStore db = db();
        if (db.snapshot(ref).isEmpty()) {
            throw new IllegalArgumentException("tolk has not read " + ref + "; check the id, or run tolk sync first");
        }
        Optional<Link> link = db.link(ref);
        if (link.isPresent()) {
            List<RecordRef> partners = db.linksOf(link.get().entityId()).stream().map(Link::ref)
                    .filter(x -> !x.equals(ref)).toList();
            if (!partners.isEmpty()) {
                throw new IllegalArgumentException(ref + " is linked to " + partners.get(0) + " already; unlink it first");
            }
        }
        Flow flow = mapping.flowsFor(ref.system(), ref.type()).stream()
                .filter(f -> f.sides().stream().anyMatch(side -> !side.system().equals(ref.system()) && side.createInto()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no flow creates the partners of "
                        + ref.system() + " " + ref.type() + " records (see the create switches in the config)"));
        Optional<ReviewItem> old = db.review(ref);
        ReviewItem item = new ReviewItem(old.map(ReviewItem::id).orElse(0L), ref, flow.id(),
                old.map(ReviewItem::candidates).orElse(List.of()),
                "a person chose to create its partner; the next cycle creates it", clock.instant(), ReviewOrigin.CREATE);
        db.apply(ChangeSet.builder().review(item).dirty(ref)
                .activity(new Activity(ref, clock.instant(), ActivityKind.REVIEW, "by user: create its partner"))
                .build());
        return item;
    }

    /**
     * Separates a record from its partners. All of them then wait in the review queue (none is matched, linked or
     * created again) until {@link #link} decides.
     *
     * @throws IllegalArgumentException when the record is not linked
     */
    public void unlink(RecordRef ref) {
        ConnectionStore db = db();
        Link link = db.link(ref).orElseThrow(() -> new IllegalArgumentException(ref + " is not linked"));
        List<Link> all = db.linksOf(link.entityId());
        Entity e = db.entity(link.entityId()).orElse(null);
        ChangeSet.Builder changes = ChangeSet.builder();
        for (Link l : all) {
            List<RecordRef> others = all.stream().map(Link::ref).filter(r -> !r.equals(l.ref())).toList();
            changes.removeLink(l.ref());
            changes.review(new ReviewItem(0, l.ref(), e == null ? null : e.flowId(), others,
                    "unlinked by user; decide with tolk link", clock.instant(), ReviewOrigin.USER));
            changes.activity(new Activity(l.ref(), clock.instant(), ActivityKind.UNLINKED, "by user"));
        }
        changes.removeEntity(link.entityId());
        db.apply(changes.build());
    }

    /**
     * Reads a record and its partner again from their systems (by id, whatever the checkpoints say), stages what comes
     * back dirty and makes their failures due, so the next cycle applies them as they are now.
     *
     * @return what was read again, and what the systems no longer return
     * @throws IllegalArgumentException when tolk has not read the record
     * @throws io.tolk.api.ConnectorException when a system cannot be read (nothing is changed then)
     */
    public Reread.Result resync(RecordRef ref) {
        ConnectionStore db = db();
        if (db.snapshot(ref).isEmpty()) {
            throw new IllegalArgumentException("tolk has not read " + ref + "; check the id, or run tolk sync first");
        }
        Set<RecordRef> refs = new java.util.LinkedHashSet<>();
        refs.add(ref);
        db.link(ref).ifPresent(l -> db.linksOf(l.entityId()).forEach(x -> refs.add(x.ref())));
        Reread.Result result = Reread.reread(db, systems, mapping, refs);
        db.update(tx -> {
            for (Failure f : tx.failuresOf(refs)) {
                tx.putFailure(f.withNextRetryAt(clock.instant()));
            }
        });
        return result;
    }

    private String example() {
        List<String> parts = new ArrayList<>();
        for (FlowSide side : mapping.flows().get(0).sides()) {
            parts.add(side.system() + "/" + side.type() + "/123");
        }
        return String.join(" ", parts);
    }

    /** Parses {@code system/type/id}. */
    public static RecordRef parseRef(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not a record reference; write system/type/id, "
                    + "e.g. crm/Organisation/123");
        }
        return new RecordRef(parts[0], parts[1], parts[2]);
    }
}
