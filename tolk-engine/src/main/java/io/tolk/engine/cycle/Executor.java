package io.tolk.engine.cycle;

import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordRef;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;
import io.tolk.engine.KillPoint;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.merge.ConflictDecision;
import io.tolk.engine.plan.Decision;
import io.tolk.engine.plan.EntityPlan;
import io.tolk.engine.plan.FailureRecords;
import io.tolk.engine.plan.FieldChange;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.EchoExpectation;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.store.WriteIntent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Act: the only part of a cycle that writes, to the systems and to the store. A chunk's plans are carried out in two
 * store transactions around the write calls:
 * <ol>
 *   <li>{@link #start}: everything that waits for no write is stored (new entities and links, the intent of every
 *       write: create, update and delete, failures found by the planner, review items, and the whole commit of plans
 *       that write nothing), then the writes are sent in batches, overlapping within each system's concurrency;</li>
 *   <li>{@link #finish}: when every call has answered, each result is recorded (new ids linked, values written, errors
 *       as failures, intents done or failed) and the entities' baselines, links and processed marks are committed.</li>
 * </ol>
 * Nothing is sent before its intent is durable, and every answer is recorded before the cycle goes on. A crash in
 * between leaves the intents pending; the next cycle settles them against the systems ({@link PendingWrites}), so a
 * write a system applied is in tolk's history even when its answer was lost, and nothing is lost or duplicated.
 */
final class Executor {

    private final CycleContext ctx;
    private final WriteLanes lanes;
    private final MatchKeyer keyer;

    Executor(CycleContext ctx, WriteLanes lanes) {
        this.ctx = ctx;
        this.lanes = lanes;
        this.keyer = ctx.keyer();
    }

    /**
     * One write call in flight: which plan items it carries, its answer to come, and the keys of its requests that
     * were not sent because the cycle was stopping part-way through it (filled by its {@link SlicedWrite}).
     */
    private record Call(WriteOperation operation, String system, String type, List<String> keys,
                        CompletableFuture<List<WriteResult>> answer, Set<String> unsent) {
    }

    /**
     * A chunk whose writes are in flight; {@code intents} are its update and delete intents by result key
     * ({@code OPERATION key}, as {@link #finish} files the answers).
     */
    record InFlight(List<EntityPlan> plans, List<Call> calls, Findings findings, Set<String> entityIds,
                    Map<String, WriteIntent> intents) {
    }

    InFlight start(List<EntityPlan> plans) {
        ChangeSet.Builder pre = ChangeSet.builder();
        Findings findings = new Findings();
        Set<String> entityIds = new LinkedHashSet<>();
        Map<String, List<Decision.Create>> creates = new LinkedHashMap<>();
        Map<String, List<Decision.Update>> updates = new LinkedHashMap<>();
        Map<String, List<Decision.Delete>> deletes = new LinkedHashMap<>();
        Map<String, WriteIntent> intents = new LinkedHashMap<>();
        for (EntityPlan p : plans) {
            if (p.entity() != null) {
                entityIds.add(p.entity().id());
            }
            report(p, findings);
            if (p.storeEntity()) {
                pre.entity(p.entity());
            }
            p.entitiesRemoved().forEach(pre::removeEntity);
            p.linksRemoved().forEach(pre::removeLink);
            p.links().forEach(pre::link);
            p.failures().forEach(pre::failure);
            p.reviewsRemoved().forEach(pre::removeReview);
            p.reviews().forEach(pre::review);
            p.notes().forEach(pre::activity);
            if (p.writes() && p.completion() == EntityPlan.Completion.COMMIT) {
                conflicts(p, pre, findings);   // before the writes that put the winners over the losers
            }
            for (Decision d : p.decisions()) {
                if (d instanceof Decision.Create c) {
                    pre.intent(c.intent());
                    creates.computeIfAbsent(c.system() + "/" + c.type(), k -> new ArrayList<>()).add(c);
                } else if (d instanceof Decision.Update u) {
                    WriteIntent i = WriteIntent.update(newIntentKey(), u.source() != null ? u.source() : u.target(),
                            u.target(), entityIdOf(p, u.target()), u.sent(), ctx.now());
                    intents.put(WriteOperation.UPDATE + " " + u.target().id(), i);
                    pre.intent(i);
                    updates.computeIfAbsent(u.target().system() + "/" + u.target().type(), k -> new ArrayList<>()).add(u);
                } else if (d instanceof Decision.Delete x) {
                    WriteIntent i = WriteIntent.delete(newIntentKey(), x.source() != null ? x.source() : x.target(),
                            x.target(), entityIdOf(p, x.target()), x.retire() == null ? Map.of() : x.retire().fields(),
                            ctx.now());
                    intents.put(WriteOperation.DELETE + " delete " + x.target().id(), i);
                    pre.intent(i);
                    deletes.computeIfAbsent(x.target().system() + "/" + x.target().type() + "/" + (x.retire() != null),
                            k -> new ArrayList<>()).add(x);
                }
            }
            if (p.completion() == EntityPlan.Completion.PROCESSED) {
                markProcessed(p, pre);
            } else if (p.completion() == EntityPlan.Completion.COMMIT && !p.writes()) {
                commit(p, Map.of(), Set.of(), pre, findings);
            }
        }
        ChangeSet before = pre.build();
        KillPoint.INTENTS_STORE.reach();
        if (!before.isEmpty()) {
            ctx.store().apply(before);
        }
        KillPoint.INTENTS_STORED.reach();
        List<Call> calls = new ArrayList<>();
        creates.values().forEach(group -> sendCreates(group, calls));
        updates.values().forEach(group -> sendUpdates(group, calls));
        deletes.values().forEach(group -> sendDeletes(group, calls));
        return new InFlight(plans, calls, findings, entityIds, intents);
    }

    /** A new intent key: unique, and of the characters an idempotency key may have. */
    private static String newIntentKey() {
        return java.util.UUID.randomUUID().toString();
    }

    /** The entity a written (linked) record belongs to: the plan's, else its member's link's (no store read). */
    private static String entityIdOf(EntityPlan p, RecordRef target) {
        if (p.entity() != null) {
            return p.entity().id();
        }
        return p.members().stream().filter(m -> m.ref().equals(target) && m.reading() != null)
                .map(m -> m.reading().entityId()).findFirst().orElse("-");
    }

    /**
     * How an update's or delete's answer settles its intent: {@link IntentState#DONE} when it was applied (a delete
     * of a record already gone included), {@link IntentState#FAILED} when it certainly was not (refused, not sent, no
     * quota), else {@link IntentState#PENDING}: it may have been applied, and the next cycle reads the record to see.
     */
    static IntentState settledBy(WriteOperation operation, WriteResult r, boolean notSent) {
        if (r != null && r.succeeded()) {
            return IntentState.DONE;
        }
        if (notSent) {
            return IntentState.FAILED;
        }
        ErrorKind kind = r == null ? null : r.error().map(WriteError::kind).orElse(null);
        if (kind == null || kind == ErrorKind.RETRYABLE || kind == ErrorKind.UNKNOWN_OUTCOME
                || kind == ErrorKind.UNAVAILABLE) {
            return IntentState.PENDING;
        }
        return operation == WriteOperation.DELETE && kind == ErrorKind.NOT_FOUND ? IntentState.DONE : IntentState.FAILED;
    }

    Findings finish(InFlight chunk) {
        Map<String, WriteResult> results = new HashMap<>();
        Set<String> notSent = new java.util.HashSet<>();
        ConnectorException unavailable = null;
        Map<String, long[]> progress = new LinkedHashMap<>();
        chunk.calls().forEach(c -> progress.computeIfAbsent(c.system() + "/" + c.type(), k -> new long[2])[1] += c.keys().size());
        for (Call call : chunk.calls()) {
            List<WriteResult> answered;
            try {
                answered = call.answer().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answered = failedAll(call, ErrorKind.RETRYABLE, "interrupted while waiting for the answer");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof NotSent) {
                    call.keys().forEach(k -> notSent.add(call.operation() + " " + k));
                    answered = failedAll(call, ErrorKind.RETRYABLE, cause.getMessage());
                } else if (cause instanceof Error fatal) {
                    throw fatal; // out of memory or worse: the cycle ends here; what earlier chunks committed stays
                } else if (cause instanceof ConnectorException ce && ce.kind() == ErrorKind.UNAVAILABLE) {
                    unavailable = unavailable == null ? ce : unavailable;
                    continue;
                } else if (cause instanceof ConnectorException ce && ce.kind() == ErrorKind.QUOTA) {
                    String waiting = "waiting for " + ctx.mapping().displayName(call.system()) + " credits until "
                            + ce.retryAt().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                            .orElse("the quota refills");
                    chunk.findings().quotaSpent(call.system(), ce.retryAt().orElse(null));
                    chunk.findings().warn(waiting + ": " + ce.getMessage());
                    answered = failedAll(call, ErrorKind.QUOTA, waiting);
                } else if (cause instanceof RuntimeException re && !(cause instanceof ConnectorException)) {
                    throw re;
                } else {
                    // a whole call failed: a create of it may have been applied, so it is looked up before any retry
                    answered = failedAll(call, call.operation() == WriteOperation.CREATE ? ErrorKind.UNKNOWN_OUTCOME
                            : ErrorKind.RETRYABLE, cause.getMessage());
                }
            }
            call.unsent().forEach(k -> notSent.add(call.operation() + " " + k));
            long[] done = progress.get(call.system() + "/" + call.type());
            done[0] += call.keys().size();
            ctx.progress().progress("write " + call.system() + "/" + call.type(), done[0], done[1]);
            for (int i = 0; i < call.keys().size(); i++) {
                String key = call.keys().get(i);
                results.put(call.operation() + " " + key, i < answered.size() ? answered.get(i)
                        : WriteResult.failed(key, new WriteError(ErrorKind.RETRYABLE, call.system(), call.operation(), key,
                        null, null, "the connector returned no result for this request")));
            }
        }
        KillPoint.WRITES_ANSWERED.reach();
        ChangeSet.Builder post = ChangeSet.builder();
        chunk.intents().forEach((key, intent) -> {
            IntentState state = settledBy(intent.operation(), results.get(key), notSent.contains(key));
            if (state != IntentState.PENDING) {
                post.intent(intent.with(state, null));
            }
        });
        for (EntityPlan p : chunk.plans()) {
            if (!p.writes()) {
                continue;
            }
            if (!notSent.isEmpty() && notSent.containsAll(writeKeys(p))) {
                abandon(p, post);
                continue;
            }
            if (p.completion() == EntityPlan.Completion.COMMIT) {
                commit(p, results, notSent, post, chunk.findings());
            } else {
                recordDeletes(p, results, notSent, post, chunk.findings());
            }
        }
        ChangeSet after = post.build();
        if (!after.isEmpty()) {
            KillPoint.CHUNK_COMMIT.reach();
            ctx.store().apply(after);
            KillPoint.CHUNK_COMMITTED.reach();
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return chunk.findings();
    }

    /** The result keys of a plan's write calls ({@code OPERATION key}, as {@link #finish} files the answers). */
    private static List<String> writeKeys(EntityPlan p) {
        List<String> keys = new ArrayList<>();
        for (Decision d : p.decisions()) {
            if (d instanceof Decision.Create c) {
                keys.add(WriteOperation.CREATE + " " + c.intent().key());
            } else if (d instanceof Decision.Update u) {
                keys.add(WriteOperation.UPDATE + " " + u.target().id());
            } else if (d instanceof Decision.Delete x) {
                keys.add(WriteOperation.DELETE + " delete " + x.target().id());
            }
        }
        return keys;
    }

    /**
     * A plan none of whose writes was sent (the cycle was stopping): its create intents certainly failed, and nothing
     * else is committed, so its records stay due and the next cycle plans them afresh.
     */
    private static void abandon(EntityPlan p, ChangeSet.Builder out) {
        for (Decision.Create c : p.creates()) {
            out.intent(c.intent().with(IntentState.FAILED, null));
        }
    }

    // ------------------------------------------------------------------------------------------------ sending

    private void sendCreates(List<Decision.Create> group, List<Call> calls) {
        Decision.Create first = group.get(0);
        RecordWriter writer = ctx.systems().get(first.system()).writer(first.type());
        for (List<Decision.Create> batch : batches(group, writer.maxBatchSize())) {
            List<CreateRequest> requests = batch.stream().map(c -> new CreateRequest(c.intent().key(), c.fields())).toList();
            List<String> keys = requests.stream().map(CreateRequest::idempotencyKey).toList();
            Set<String> unsent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            SlicedWrite write = new SlicedWrite(WriteOperation.CREATE, first.system(), keys, writer.requestsPerHttpCall());
            calls.add(new Call(WriteOperation.CREATE, first.system(), first.type(), keys,
                    lanes.submit(first.system(), () -> write.run(requests, writer::create, ctx.stop(), unsent)), unsent));
        }
    }

    private void sendUpdates(List<Decision.Update> group, List<Call> calls) {
        RecordRef first = group.get(0).target();
        RecordWriter writer = ctx.systems().get(first.system()).writer(first.type());
        for (List<Decision.Update> batch : batches(group, writer.maxBatchSize())) {
            List<UpdateRequest> requests = batch.stream().map(u -> new UpdateRequest(u.target().id(), u.sent())).toList();
            List<String> keys = batch.stream().map(u -> u.target().id()).toList();
            Set<String> unsent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            SlicedWrite write = new SlicedWrite(WriteOperation.UPDATE, first.system(), keys, writer.requestsPerHttpCall());
            calls.add(new Call(WriteOperation.UPDATE, first.system(), first.type(), keys,
                    lanes.submit(first.system(), () -> write.run(requests, writer::update, ctx.stop(), unsent)), unsent));
        }
    }

    private void sendDeletes(List<Decision.Delete> group, List<Call> calls) {
        RecordRef first = group.get(0).target();
        RecordWriter writer = ctx.systems().get(first.system()).writer(first.type());
        boolean retire = group.get(0).retire() != null;
        for (List<Decision.Delete> batch : batches(group, writer.maxBatchSize())) {
            List<String> keys = batch.stream().map(d -> "delete " + d.target().id()).toList();
            Set<String> unsent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            SlicedWrite write = new SlicedWrite(WriteOperation.DELETE, first.system(), keys, writer.requestsPerHttpCall());
            if (retire) {
                List<UpdateRequest> requests = batch.stream()
                        .map(d -> new UpdateRequest(d.target().id(), new LinkedHashMap<>(d.retire().fields()))).toList();
                calls.add(new Call(WriteOperation.DELETE, first.system(), first.type(), keys,
                        lanes.submit(first.system(), () -> write.run(requests, writer::update, ctx.stop(), unsent)), unsent));
            } else {
                List<String> ids = batch.stream().map(d -> d.target().id()).toList();
                calls.add(new Call(WriteOperation.DELETE, first.system(), first.type(), keys,
                        lanes.submit(first.system(), () -> write.run(ids, writer::delete, ctx.stop(), unsent)), unsent));
            }
        }
    }

    private static <T> List<List<T>> batches(List<T> all, int size) {
        int n = Math.max(1, size);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += n) {
            out.add(all.subList(i, Math.min(all.size(), i + n)));
        }
        return out;
    }

    private static List<WriteResult> failedAll(Call call, ErrorKind kind, String message) {
        return call.keys().stream().map(k -> WriteResult.failed(k, new WriteError(kind, call.system(), call.operation(), k,
                null, null, message))).toList();
    }

    // ------------------------------------------------------------------------------------------------ recording

    /** Every decision of a plan in the report, as it is made (so a dry run prints it and a real run counts it). */
    private void report(EntityPlan p, Findings findings) {
        for (Decision d : p.decisions()) {
            Change c = Changes.of(d);
            if (c != null) {
                findings.change(c);
            }
            if (d instanceof Decision.Link) {
                findings.count(p.flowId(), Count.LINKED, 1);
            } else if (d instanceof Decision.Fail) {
                findings.count(p.flowId(), Count.FAILED, 1);
            }
        }
        if (p.merge() != null) {
            for (ConflictDecision c : p.merge().conflicts()) {
                findings.change(Changes.conflict(p.flowId(), c, memberOf(p, c.loserSide()), memberOf(p, c.winnerSide())));
            }
        }
    }

    private static RecordRef memberOf(EntityPlan p, String system) {
        return p.members().stream().map(EntityPlan.Member::ref).filter(r -> r.system().equals(system)).findFirst()
                .orElse(null);
    }

    private static void markProcessed(EntityPlan p, ChangeSet.Builder changes) {
        for (EntityPlan.Member m : p.members()) {
            if (m.snapshot() != null) {
                changes.processed(m.ref(), m.snapshot().hash());
            }
        }
    }

    /**
     * The commit of one entity after its writes (rules 4, 7): links, baseline, conflicts, failures, processed marks.
     * A write in {@code notSent} (the cycle was stopping) fails like any other, but is due again at once, so the next
     * cycle carries on with it.
     */
    private void commit(EntityPlan p, Map<String, WriteResult> results, Set<String> notSent, ChangeSet.Builder out,
                        Findings findings) {
        boolean failed = false;
        boolean unknown = false;
        for (Decision.Create c : p.creates()) {
            WriteResult r = results.get(WriteOperation.CREATE + " " + c.intent().key());
            Outcome o = created(p, c, r, notSent.contains(WriteOperation.CREATE + " " + c.intent().key()), out, findings);
            failed |= o == Outcome.FAILED;
            unknown |= o == Outcome.UNKNOWN;
        }
        for (EntityPlan.Member m : p.members()) {
            if (m.reading() == null) {
                continue;
            }
            RecordRef source = m.source() != null ? m.source() : sourceOf(p, m);
            Link next;
            boolean writeFailed = false;
            if (m.update() != null) {
                WriteResult r = results.get(WriteOperation.UPDATE + " " + m.ref().id());
                if (r != null && r.succeeded()) {
                    SourceRecord back = r.readBack().orElse(null);
                    Map<String, String> sent = m.update().sent();
                    next = m.reading().withWrite(seenAfterWrite(m.current(), sent, back), sent, writtenAt(back, r),
                            echoOf(back, r));
                    if (back != null) {
                        stage(back, out);
                    }
                    out.activity(new Activity(m.ref(), ctx.now(), ActivityKind.UPDATED, m.update().changes().stream()
                            .map(FieldChange::describe).collect(Collectors.joining(", "))));
                    findings.count(p.flowId(), Count.UPDATED, 1);
                } else {
                    writeFailed = true;
                    failed = true;
                    // what was read is accounted for by this cycle's merge (its decision is the baseline): kept as
                    // "last seen", the next cycle retries the decision instead of taking these values for new edits
                    next = m.reading().withLastSeen(m.current());
                    fail(p, source, m.ref().system(), describe(r, "update failed"), out, findings,
                            notSent.contains(WriteOperation.UPDATE + " " + m.ref().id()));
                }
            } else {
                next = m.reading().withLastSeen(m.current());
            }
            failed |= m.blocked();
            out.link(next);
            if (!unknown && m.snapshot() != null) {
                out.processed(m.ref(), m.snapshot().hash());
            }
            if (!m.blocked() && !writeFailed) {
                // the record now holds the entity's state, so no failure to write it stands, under whichever record
                // it was kept: the partner, or the record itself when its partner was being created in that cycle
                out.removeFailure(source, m.ref().system());
                if (!source.equals(m.ref())) {
                    out.removeFailure(m.ref(), m.ref().system());
                }
            }
        }
        if (unknown) {
            return;   // the entity waits until the create's outcome is settled; the next cycle works on it again
        }
        Entity e = p.entity().withBaseline(p.merge().desired(), failed ? p.entity().forced() : Map.of(), ctx.now());
        out.entity(e);
        if (!p.writes()) {
            conflicts(p, out, findings);
        }
    }

    /**
     * Records the plan's conflicts, each with its losing value. A plan that writes records them before its writes are
     * sent: a write may put the winner over the loser, and a crash before the chunk commits must not lose the loser
     * (rule 2: every conflict is recorded). Should the write then not happen, the next cycle may decide, and record,
     * the same conflict again; it is never lost.
     */
    private void conflicts(EntityPlan p, ChangeSet.Builder out, Findings findings) {
        for (ConflictDecision c : p.merge().conflicts()) {
            out.conflict(new Conflict(0, p.entity().id(), p.flowId(), c.property(), c.winnerSide(), c.winnerValue(),
                    c.loserSide(), c.loserValue(), c.reason().code(), ctx.now(), false));
            findings.count(p.flowId(), Count.CONFLICTS, 1);
            RecordRef loser = memberOf(p, c.loserSide());
            if (loser != null) {
                out.activity(new Activity(loser, ctx.now(), ActivityKind.CONFLICT, Changes.describe(c)));
            }
        }
    }

    private enum Outcome { CREATED, FAILED, UNKNOWN }

    private Outcome created(EntityPlan p, Decision.Create c, WriteResult r, boolean notSent, ChangeSet.Builder out,
                            Findings findings) {
        if (r != null && r.succeeded() && r.id().isPresent()) {
            RecordRef ref = new RecordRef(c.system(), c.type(), r.id().get());
            SourceRecord back = r.readBack().orElse(null);
            Link link = new Link(ref, p.entity().id(), LinkState.ACTIVE, seenAfterCreate(c.fields(), back),
                    c.fields(), writtenAt(back, r), echoOf(back, r), ctx.now());
            out.link(link);
            out.intent(c.intent().with(IntentState.DONE, ref.id()));
            if (back != null) {
                stage(back, out);
            } else {   // what tolk knows of the record until its first read: the values sent (the read replaces it)
                stage(new SourceRecord(ref, c.fields(), r.modifiedAt().orElse(null)), out);
            }
            out.activity(new Activity(ref, ctx.now(), ActivityKind.CREATED, "from " + c.source()));
            out.activity(new Activity(c.source(), ctx.now(), ActivityKind.LINKED, "created " + ref));
            out.removeFailure(c.source(), c.system());
            if (c.settlesReview()) {
                out.removeReview(c.source());
            }
            findings.count(p.flowId(), Count.CREATED, 1);
            return Outcome.CREATED;
        }
        WriteError err = r == null ? null : r.error().orElse(null);
        if (err != null && err.kind() == ErrorKind.UNKNOWN_OUTCOME) {
            fail(p, c.source(), c.system(), err.describe() + " (the outcome will be looked up before any retry)", out, findings,
                    false);
            return Outcome.UNKNOWN;
        }
        out.intent(c.intent().with(IntentState.FAILED, null));
        fail(p, c.source(), c.system(), err == null ? c.system() + " CREATE " + c.intent().key() + ": no id returned"
                : err.describe(), out, findings, notSent);
        return Outcome.FAILED;
    }

    private void recordDeletes(EntityPlan p, Map<String, WriteResult> results, Set<String> notSent, ChangeSet.Builder out,
                               Findings findings) {
        for (Decision.Delete d : p.deletes()) {
            WriteResult r = results.get(WriteOperation.DELETE + " delete " + d.target().id());
            boolean gone = r != null && (r.succeeded() || r.error().map(e -> e.kind() == ErrorKind.NOT_FOUND).orElse(false));
            if (!gone) {
                fail(p, d.source(), d.target().system(), describe(r, "delete failed"), out, findings,
                        notSent.contains(WriteOperation.DELETE + " delete " + d.target().id()));
                continue;
            }
            findings.count(p.flowId(), Count.DELETED, 1);
            String why = "partner deleted in " + d.source().system();
            if (d.retire() != null) {
                out.activity(new Activity(d.target(), ctx.now(), ActivityKind.RETIRED, why));
                r.readBack().ifPresent(back -> stage(back, out));
            } else {
                ctx.store().link(d.target()).ifPresent(l -> out.link(l.withState(LinkState.DELETED_IN_SOURCE)));
                out.removeSnapshot(d.target());
                out.activity(new Activity(d.target(), ctx.now(), ActivityKind.DELETED, why));
            }
        }
    }

    /** A failure of {@code record}'s write to {@code target}; one that was not sent ({@code notSent}) is due at once. */
    private void fail(EntityPlan p, RecordRef record, String target, String reason, ChangeSet.Builder out, Findings findings,
                      boolean notSent) {
        Snapshot s = p.members().stream().filter(m -> m.ref().equals(record)).map(EntityPlan.Member::snapshot)
                .findFirst().orElse(null);
        Failure old = ctx.store().failure(record, target).orElse(null);
        Failure f = FailureRecords.next(old, record, target, reason, s == null ? null : s.hash(), ctx.now(),
                ctx.options().backoff());
        Instant quotaBack = findings.quotaWaits.get(target);
        if (quotaBack != null && (f.nextRetryAt() == null || quotaBack.isAfter(f.nextRetryAt()))) {
            f = f.withNextRetryAt(quotaBack); // no use trying before the system has quota again
        } else if (notSent) {
            f = f.withNextRetryAt(ctx.now()); // nothing went wrong with the record: the cycle stopped before sending it
        }
        out.failure(f);
        out.activity(new Activity(record, ctx.now(), ActivityKind.FAILED, reason));
        findings.count(p.flowId(), Count.FAILED, 1);
        findings.change(Changes.failure(p.flowId(), record, target, reason));
    }

    /** Stages a record a system returned after a write: the values read back, processed. */
    private void stage(SourceRecord back, ChangeSet.Builder out) {
        out.snapshot(new Snapshot(back.ref(), RecordHash.of(back), back.fields(), back.modifiedAt(), back.fieldModifiedAt(),
                true));
        CanonicalType ct = keyer.canonicalType(back.ref().system(), back.ref().type());
        if (ct != null) {
            out.matchKeys(back.ref(), ct.key(), keyer.indexKeys(back.ref().system(), back.ref().type(), back.fields()));
        }
    }

    private Instant writtenAt(SourceRecord back, WriteResult r) {
        Instant latest = back == null ? null : PendingWrites.latest(back);
        return latest != null ? latest : r.modifiedAt().orElse(ctx.now());
    }

    private static EchoExpectation echoOf(SourceRecord back, WriteResult r) {
        return back != null ? EchoExpectation.NONE
                : r.modifiedAt().isPresent() ? EchoExpectation.EXACT : EchoExpectation.WITHIN_WINDOW;
    }

    private static String describe(WriteResult r, String fallback) {
        return r == null ? fallback : r.error().map(WriteError::describe).orElse(fallback);
    }

    /** Where a member's new values come from: its first partner, or itself when it has none. */
    private static RecordRef sourceOf(EntityPlan p, EntityPlan.Member m) {
        return p.members().stream().filter(o -> o != m && o.reading() != null).map(EntityPlan.Member::ref).findFirst()
                .orElse(m.ref());
    }

    /** What a record tolk created holds: all it read back (a new record has no one else's edits yet), or what was sent. */
    static Map<String, String> seenAfterCreate(Map<String, String> sent, SourceRecord back) {
        return back != null ? new LinkedHashMap<>(back.fields()) : new LinkedHashMap<>(sent);
    }

    /**
     * What tolk takes a record to hold after it wrote {@code sent}: the written fields as the system read them back
     * (or as sent, without a read-back), every other field as tolk last read it. The other fields of a write's answer
     * are not taken as seen: a person may have changed one after tolk's read and before its write (or the read came
     * from a lagging replica), and that change must show as an edit at the next read, not be taken for the agreed value.
     */
    static Map<String, String> seenAfterWrite(Map<String, String> current, Map<String, String> sent, SourceRecord back) {
        Map<String, String> seen = new LinkedHashMap<>(current);
        if (back != null) {
            for (String f : sent.keySet()) {
                seen.put(f, back.fields().get(f));
            }
        } else {
            seen.putAll(sent);
        }
        return seen;
    }
}
