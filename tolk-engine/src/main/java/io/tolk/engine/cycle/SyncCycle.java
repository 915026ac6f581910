package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldMarker;
import io.tolk.api.FieldRule;
import io.tolk.api.RecordRef;
import io.tolk.engine.KillPoint;
import io.tolk.engine.ProgressListener;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.plan.ChunkInput;
import io.tolk.engine.plan.EntityPlan;
import io.tolk.engine.plan.EntityPlanner;
import io.tolk.engine.plan.PlanningFacts;
import io.tolk.engine.policy.DeleteGuard;
import io.tolk.engine.policy.DeletePolicy;
import io.tolk.engine.policy.SyncOptions;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.LockLostException;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.RunOutcome;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.StopSignal;
import java.util.ArrayList;
import io.tolk.engine.ChangeQueue;
import io.tolk.engine.store.Snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One sync cycle of one connection (design.md, "Inside the cycle"): read → stage → decide → act, chunk by chunk.
 * <ol>
 *   <li>prepare: a changed mapping marks every record dirty; due failures, review items and pending propagated
 *       deletions are marked dirty again;</li>
 *   <li>settle the writes an earlier cycle left with an unknown outcome ({@link PendingWrites});</li>
 *   <li>read every stream and stage what changed ({@link ReadPhase}); detect deletions ({@link DeletionDetector});</li>
 *   <li>work: the dirty records in keyset order, a chunk at a time — load ({@link ChunkLoader}), decide
 *       ({@link EntityPlanner}, pure), act ({@link Executor}, the only writer); the next chunk is decided while the
 *       previous one's writes are in flight;</li>
 *   <li>finish: the run record and the report.</li>
 * </ol>
 * The store is the only state: nothing is kept in memory beyond one page or one chunk, and every step commits what
 * it did before the next begins, so a crash or a stop anywhere repeats work and never loses or duplicates it.
 *
 * <p>A cycle object runs once ({@link #run()}); the caller holds the connection's lock. In a dry run the caller hands it
 * a store that keeps every change to itself and connectors that never write; the cycle itself is the same code, so a
 * plan shows exactly the decisions the next real cycle makes.
 */
public final class SyncCycle {

    /** What a cycle covers. */
    public enum Scope {
        /** Everything: read every stream, then work every dirty record (notified records are taken in between). */
        FULL,
        /** Only the records a system notified as changed: read them by id and sync them, nothing else. */
        NOTIFIED
    }

    /** A create notice this close to tolk's own create of the record is that create coming back. */
    static final java.time.Duration OWN_WRITE_WINDOW = java.time.Duration.ofSeconds(1);

    private final CycleContext ctx;
    private final Clock clock;
    private final ChangeListener listener;
    private final Scope scope;
    private final Map<String, Map<String, FieldRule>> rules = new LinkedHashMap<>();
    private long notifiedRecords;
    private long notifiedRead;

    public SyncCycle(ConnectionStore store, Systems systems, Mapping mapping, SyncOptions options, Clock clock,
                     ProgressListener progress, ChangeListener listener, boolean dryRun) {
        this(store, systems, mapping, options, clock, progress, listener, dryRun, StopSignal.NEVER);
    }

    /** With a signal that may ask the cycle to stop early (it then ends {@link RunOutcome#INTERRUPTED}). */
    public SyncCycle(ConnectionStore store, Systems systems, Mapping mapping, SyncOptions options, Clock clock,
                     ProgressListener progress, ChangeListener listener, boolean dryRun, StopSignal stop) {
        this(store, systems, mapping, options, clock, progress, listener, dryRun, stop, new ChangeQueue(), Scope.FULL);
    }

    /**
     * With the records a system notified as changed: a {@link Scope#FULL} cycle syncs them between its read pages and
     * between its chunks (so a notice is not kept waiting for a long cycle to end); a {@link Scope#NOTIFIED} cycle
     * syncs only them.
     */
    public SyncCycle(ConnectionStore store, Systems systems, Mapping mapping, SyncOptions options, Clock clock,
                     ProgressListener progress, ChangeListener listener, boolean dryRun, StopSignal stop,
                     ChangeQueue notified, Scope scope) {
        this.scope = scope;
        this.clock = clock;
        this.listener = listener == null ? ChangeListener.NONE : listener;
        this.ctx = new CycleContext(store, systems, mapping, options, clock.instant(),
                progress == null ? ProgressListener.NONE : progress, dryRun,
                stop == null ? StopSignal.NEVER : stop, dryRun || notified == null ? new ChangeQueue() : notified);
    }

    /**
     * Runs the cycle. Throws {@link ConnectorException} when a system cannot be read or reached at all; the run record
     * says so, and what the cycle committed before stays.
     */
    public CycleReport run() {
        CycleLog log = new CycleLog(ctx.mapping(), listener, ctx.options().reportLimit());
        Map<String, Long> callsBefore = ctx.systems().calls();
        try {
            if (scope == Scope.NOTIFIED) {
                notified(log);
                return finish(log, callsBefore, null, ctx.stop().requested());
            }
            prepare();
            log.add(new PendingWrites(ctx).settle());
            KillPoint.INTENTS_SETTLED.reach();
            ReadPhase.Result reads = new ReadPhase(ctx, () -> notified(log)).read();
            log.add(reads.findings());
            KillPoint.READ_DONE.reach();
            log.add(new DeletionDetector(ctx).detect(reads.reads()));
            KillPoint.DELETIONS_DETECTED.reach();
            String halted = deleteGuard();
            if (halted != null) {
                log.add(new Findings().change(new Change(ChangeKind.HALTED, null, null, null, null, null, List.of(), halted)));
            }
            work(halted, log);
            notified(log); // notices that came after the last chunk
            return finish(log, callsBefore, halted, ctx.stop().requested());
        } catch (CycleStopped stopped) {
            return finish(log, callsBefore, null, true);
        } catch (LockLostException lost) {
            return lockLost(log, callsBefore, lost);
        } catch (RuntimeException | Error e) {
            recordFailure(log, callsBefore, e);
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ steps

    private void prepare() {
        ConnectionStore store = ctx.store();
        if (!ctx.mapping().fingerprint().equals(store.mappingFingerprint().orElse(null))) {
            backfill();
            store.putMappingFingerprint(ctx.mapping().fingerprint());
        }
        store.markDueFailuresDirty(ctx.now());
        KillPoint.RETRIES_MARKED.reach();
        store.markMatchingReviewsDirty();
        if (ctx.options().deletes() == DeletePolicy.PROPAGATE) {
            store.markPendingDeletionsDirty();
        }
    }

    /**
     * A changed mapping: every record is examined again (marked dirty), and its match keys are worked out again (the
     * mapping may bind other fields to the match properties). Chunk by chunk; the new fingerprint is stored after.
     */
    private void backfill() {
        MatchKeyer keyer = ctx.keyer();
        for (String system : ctx.mapping().systems()) {
            for (String type : ctx.mapping().boundTypes(system)) {
                CanonicalType ct = keyer.canonicalType(system, type);
                String after = null;
                while (true) {
                    List<Snapshot> page = ctx.store().snapshots(system, type, after, ctx.options().chunkSize());
                    if (page.isEmpty()) {
                        break;
                    }
                    after = page.get(page.size() - 1).ref().id();
                    ChangeSet.Builder changes = ChangeSet.builder();
                    for (Snapshot s : page) {
                        changes.matchKeys(s.ref(), ct.key(), keyer.indexKeys(system, type, s.fields()));
                        changes.dirty(s.ref());
                    }
                    ctx.store().apply(changes.build());
                }
            }
        }
    }

    /**
     * Rule 5's guard: how many propagated deletions this cycle would make, against the limit. Returns why they are held
     * back, or {@code null} when they may go ahead (or none is pending).
     */
    private String deleteGuard() {
        SyncOptions o = ctx.options();
        if (o.deletes() != DeletePolicy.PROPAGATE || o.confirmDeletes()) {
            return null;
        }
        long pending = 0;
        String after = null;
        while (true) {
            List<String> ids = ctx.store().entitiesWithDeletedMember(after, o.chunkSize());
            if (ids.isEmpty()) {
                break;
            }
            after = ids.get(ids.size() - 1);
            Map<String, List<Link>> members = ctx.store().linksOf(ids);
            List<RecordRef> active = members.values().stream().flatMap(List::stream)
                    .filter(l -> l.state() == LinkState.ACTIVE).map(Link::ref).toList();
            Map<RecordRef, Snapshot> snapshots = ctx.store().snapshots(active);
            for (RecordRef r : active) {
                Snapshot s = snapshots.get(r);
                if (s == null) {
                    continue;
                }
                Optional<FieldMarker> retire = ctx.systems().get(r.system()).softDelete(r.type());
                if (retire.isEmpty() || !retire.get().appliesTo(s.fields())) {
                    pending++;
                }
            }
        }
        long pairs = ctx.store().countLinkedEntities();
        int allowed = DeleteGuard.allowed(o.maxDeletesPerCycle(), (int) Math.min(Integer.MAX_VALUE, pairs));
        if (pending <= allowed) {
            return null;
        }
        return pending + " deletions held back: the limit is " + allowed + ", the smaller of maxDeletesPerCycle ("
                + o.maxDeletesPerCycle() + ") and 10 % of " + pairs + " linked records; nothing was deleted. "
                + "Check the source systems, then run again confirming the deletes";
    }

    private void work(String halted, CycleLog log) {
        ConnectionStore store = ctx.store();
        long total = store.countDirty();
        if (total == 0) {
            return;
        }
        ChunkLoader loader = new ChunkLoader(ctx);
        try (WriteLanes lanes = new WriteLanes(ctx.systems(), ctx.dryRun(), ctx.stop())) {
            Executor executor = new Executor(ctx, lanes);
            Executor.InFlight pending = null;
            RecordRef cursor = null;
            long done = 0;
            while (true) {
                List<RecordRef> dirty = store.dirty(cursor, ctx.options().chunkSize());
                if (dirty.isEmpty() || ctx.stop().requested()) {
                    break;
                }
                if (!ctx.notified().isEmpty()) {
                    if (pending != null) {
                        log.add(executor.finish(pending));
                        pending = null;
                    }
                    notified(log);
                    dirty = store.dirty(cursor, ctx.options().chunkSize());
                    if (dirty.isEmpty()) {
                        break;
                    }
                }
                cursor = dirty.get(dirty.size() - 1);
                ChunkInput input = loader.load(dirty, pending == null ? Set.of() : pending.entityIds());
                KillPoint.CHUNK_LOADED.reach();
                List<EntityPlan> plans = new EntityPlanner(facts(input, rules, halted, log)).plan(input);
                KillPoint.CHUNK_PLANNED.reach();
                if (pending != null) {
                    log.add(executor.finish(pending));
                }
                pending = executor.start(plans);
                done += dirty.size();
                ctx.progress().progress("sync", Math.min(done, total), total);
            }
            if (pending != null) {
                log.add(executor.finish(pending));
            }
        }
    }

    /**
     * What the planner knows of each system for one chunk. Field rules are read the first time a chunk has work in a
     * flow whose side they belong to, once per cycle (a failure to read them is a warning), so planning itself reads
     * nothing.
     */
    /**
     * Syncs the records a system notified, as one chunk of their own: a notice that is tolk's own write coming back
     * ({@link #ownWriteComingBack}) costs no read; the others are read again by id
     * (one call per system and type) and planned and written at once. Whatever cannot be read now is left to the next
     * full cycle's read.
     */
    private void notified(CycleLog log) {
        List<ChangeQueue.Notice> notices = ctx.notified().drain();
        if (notices.isEmpty()) {
            return;
        }
        Map<RecordRef, Link> links = ctx.store().links(notices.stream().map(ChangeQueue.Notice::ref).toList());
        List<RecordRef> toRead = new ArrayList<>();
        long own = 0;
        for (ChangeQueue.Notice n : notices) {
            if (ownWriteComingBack(n, links.get(n.ref()))) {
                own++;
            } else {
                toRead.add(n.ref());
            }
        }
        ctx.notified().counted(own, toRead.size());
        notifiedRead += toRead.size();
        notifiedRecords += notices.size();
        if (toRead.isEmpty()) {
            return;
        }
        Reread.Result read;
        try {
            read = Reread.reread(ctx.store(), ctx.systems(), ctx.mapping(), toRead);
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
            log.warn("notified records could not be read (" + e.getMessage() + "); the next full cycle reads them");
            return;
        }
        List<RecordRef> dirty = new ArrayList<>(read.staged());
        dirty.addAll(read.missing());
        String halted = deleteGuard();
        ChunkInput input = new ChunkLoader(ctx).load(dirty, Set.of());
        List<EntityPlan> plans = new EntityPlanner(facts(input, rules, halted, log)).plan(input);
        KillPoint.NOTIFIED_PLANNED.reach();
        try (WriteLanes lanes = new WriteLanes(ctx.systems(), ctx.dryRun(), ctx.stop())) {
            Executor executor = new Executor(ctx, lanes);
            log.add(executor.finish(executor.start(plans)));
        }
        KillPoint.NOTIFIED_DONE.reach();
    }

    /**
     * Whether a notice is tolk's own write coming back, which needs no read: a create notice of a record tolk created
     * (its link's write instant within {@link #OWN_WRITE_WINDOW} of the notice); an update notice whose values all
     * equal what tolk last saw of the record (after its own write), for every field tolk keeps. An update notice
     * without values, or with one value that differs, is read.
     */
    private boolean ownWriteComingBack(ChangeQueue.Notice n, Link l) {
        if (l == null) {
            return false;
        }
        if (n.operation() == io.tolk.api.WriteOperation.CREATE) {
            return l.writtenAt() != null
                    && java.time.Duration.between(l.writtenAt(), n.serverTime()).abs().compareTo(OWN_WRITE_WINDOW) <= 0;
        }
        if (n.operation() != io.tolk.api.WriteOperation.UPDATE || n.fields() == null || l.lastSeen().isEmpty()) {
            return false;
        }
        // only the fields tolk reads count (a notice also carries the record's modification time, its owner, ...)
        Set<String> kept = FieldsToRead.of(ctx.mapping(), ctx.systems().get(n.ref().system()), n.ref().type());
        for (String field : kept) {
            if (n.fields().containsKey(field) && !java.util.Objects.equals(n.fields().get(field), l.lastSeen().get(field))) {
                return false;
            }
        }
        return true;
    }

    private PlanningFacts facts(ChunkInput input, Map<String, Map<String, FieldRule>> rules, String halted, CycleLog log) {
        Set<String> flows = new java.util.HashSet<>();
        for (io.tolk.engine.plan.WorkItem item : input.items()) {
            if (item.entity() != null) {
                flows.add(item.entity().flowId());
            } else {
                RecordRef r = item.members().get(0).ref();
                ctx.mapping().flowsFor(r.system(), r.type()).forEach(f -> flows.add(f.id()));
            }
        }
        for (io.tolk.engine.mapping.Flow f : ctx.mapping().flows()) {
            if (flows.contains(f.id())) {
                for (io.tolk.engine.mapping.FlowSide side : f.sides()) {
                    rules.computeIfAbsent(side.system() + "/" + side.type(),
                            k -> rules(ctx.systems().get(side.system()), side.type(), log));
                }
            }
        }
        Map<String, PlanningFacts.SystemFacts> systems = new LinkedHashMap<>();
        for (String system : ctx.mapping().systems()) {
            Connector c = ctx.systems().get(system);
            Map<String, PlanningFacts.TypeFacts> types = new LinkedHashMap<>();
            for (String type : ctx.mapping().boundTypes(system)) {
                types.put(type, new PlanningFacts.TypeFacts(rules.getOrDefault(system + "/" + type, Map.of()),
                        c.softDelete(type), c.inactive(type), c.writer(type)::precheck, c.modifiedByField(type)));
            }
            systems.put(system, new PlanningFacts.SystemFacts(system, ctx.mapping().displayName(system), c.timeResolution(),
                    types));
        }
        return new PlanningFacts(ctx.mapping(), ctx.options(), ctx.now(), systems, halted);
    }

    private Map<String, FieldRule> rules(Connector c, String type, CycleLog log) {
        try {
            return c.fieldRules(type);
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
            Map<String, FieldRule> fallback = c.fallbackFieldRules(type);
            String checked = fallback.isEmpty() ? "no field checks" : "only the mandatory " + String.join(", ", fallback.keySet());
            log.warn(c.system() + ": the field rules of " + type + " could not be read (" + e.getMessage()
                    + "); values were checked against " + checked + ", and " + c.system()
                    + " itself refuses what it does not accept");
            return fallback;
        }
    }

    // ------------------------------------------------------------------------------------------------ finish

    private CycleReport finish(CycleLog log, Map<String, Long> callsBefore, String halted, boolean interrupted) {
        Map<String, Long> apiCalls = apiCalls(callsBefore);
        ctx.store().reviewsByFlow().forEach((flow, n) -> log.set(flow, Count.REVIEW, n));
        RunOutcome outcome = interrupted ? RunOutcome.INTERRUPTED
                : halted != null ? RunOutcome.DELETES_HALTED
                : log.waitingForQuota() ? RunOutcome.WAITING_FOR_QUOTA
                : log.any(ChangeKind.FAILURE) ? RunOutcome.FAILURES : RunOutcome.OK;
        Instant finished = clock.instant();
        Map<String, Long> counts = log.runCounts();
        if (notifiedRecords > 0 || scope == Scope.NOTIFIED) {
            counts.put("notified", notifiedRecords);
        }
        // a notified cycle that found only tolk's own writes coming back did nothing worth a run record
        boolean idleNotified = scope == Scope.NOTIFIED && notifiedRead == 0 && !interrupted;
        KillPoint.RUN_LOG_SAVE.reach();
        long runId = idleNotified ? 0
                : ctx.store().addRun(new RunRecord(0, ctx.now(), finished, counts, apiCalls, outcome, null)).id();
        KillPoint.RUN_LOG_SAVED.reach();
        return new CycleReport(ctx.dryRun() ? 0 : runId, ctx.dryRun(), ctx.now(), Duration.between(ctx.now(), finished),
                log.flows(), apiCalls, log.changes(), log.kinds(), log.writeTallies(), halted, outcome, log.warnings());
    }

    /**
     * A cycle whose lock another process took over (this one was paused past its lease) stops at once and writes
     * nothing more, not even its run record: the connection's state is the other process's now. What it sent before
     * is recorded as intents, which the next cycle settles.
     */
    private CycleReport lockLost(CycleLog log, Map<String, Long> callsBefore, LockLostException lost) {
        Instant finished = clock.instant();
        return new CycleReport(0, false, ctx.now(), Duration.between(ctx.now(), finished), log.flows(),
                apiCalls(callsBefore), log.changes(), log.kinds(), log.writeTallies(), null, RunOutcome.INTERRUPTED,
                java.util.stream.Stream.concat(log.warnings().stream(), java.util.stream.Stream.of(lost.getMessage()
                        + "; the cycle stopped there and the process that holds the lock carries on")).toList());
    }

    /** A cycle that stopped on an error leaves a run record saying so, when the store can still take one. */
    private void recordFailure(CycleLog log, Map<String, Long> callsBefore, Throwable e) {
        try {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            ctx.store().addRun(new RunRecord(0, ctx.now(), clock.instant(), log.runCounts(), apiCalls(callsBefore),
                    RunOutcome.FAILED, message));
        } catch (RuntimeException | Error ignored) {
            e.addSuppressed(ignored);
        }
    }

    private Map<String, Long> apiCalls(Map<String, Long> before) {
        Map<String, Long> out = new LinkedHashMap<>();
        ctx.systems().calls().forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0L)));
        return out;
    }
}
