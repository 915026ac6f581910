package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordRef;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.WriteOperation;
import io.tolk.engine.KillPoint;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.plan.FailureRecords;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.EchoExpectation;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.store.WriteIntent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rule 4: settles the write intents an earlier cycle left pending (a crash, a kill or a cut connection lost their
 * answers) before anything is read, so that every write a system applied is in tolk's history.
 * <ul>
 *   <li>A create: the record is looked up; one found is linked (and staged, to be worked on); one certainly not made
 *       lets the intent fail, so a new create may be decided; one that cannot be looked up keeps its entity waiting
 *       and records why.</li>
 *   <li>An update or delete: the targets are read back by id, one call per system and type. A target that holds the
 *       values sent (an update, a retirement) or is gone (a delete) is recorded exactly as the write's answer would
 *       have been: history line, link (its echo settled: the values read are tolk's own), snapshot. Otherwise the
 *       intent fails and the record is marked dirty, so the normal plan writes again what is still needed.</li>
 * </ul>
 */
final class PendingWrites {

    private final CycleContext ctx;

    PendingWrites(CycleContext ctx) {
        this.ctx = ctx;
    }

    Findings settle() {
        Findings findings = new Findings();
        Map<String, List<WriteIntent>> changes = new LinkedHashMap<>();   // system/type → update and delete intents
        for (WriteIntent intent : ctx.store().intents(IntentState.PENDING)) {
            if (intent.operation() == WriteOperation.CREATE) {
                settleCreate(intent, findings);
            } else {
                changes.computeIfAbsent(intent.system() + "/" + intent.type(), k -> new ArrayList<>()).add(intent);
            }
        }
        changes.values().forEach(group -> settleChanges(group, findings));
        return findings;
    }

    // ------------------------------------------------------------------------------------------------ creates

    private void settleCreate(WriteIntent intent, Findings findings) {
        MatchKeyer keyer = ctx.keyer();
        Optional<Entity> entity = ctx.store().entity(intent.entityId());
        if (entity.isEmpty()) {
            ctx.store().putIntent(intent.with(IntentState.FAILED, null));
            return;
        }
        String flow = entity.get().flowId();
        RecordWriter writer = ctx.systems().get(intent.system()).writer(intent.type());
        Optional<SourceRecord> found;
        try {
            found = writer.findCreated(new CreateRequest(intent.key(), intent.fields()), intent.createdAt());
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
            unsettled(intent, flow, "create " + intent.key() + " has an unknown outcome and could not be looked up: "
                    + e.getMessage(), findings);
            return;
        }
        KillPoint.INTENT_SETTLING.reach();
        if (found.isPresent()) {
            SourceRecord r = found.get();
            Link link = new Link(r.ref(), intent.entityId(), LinkState.ACTIVE, seenAsSent(intent, r), shownAsSent(intent, r),
                    latest(r), EchoExpectation.NONE, ctx.now());
            ChangeSet.Builder changes = ChangeSet.builder()
                    .link(link)
                    .snapshot(new Snapshot(r.ref(), RecordHash.of(r), r.fields(), r.modifiedAt(), r.fieldModifiedAt(), false))
                    .intent(intent.with(IntentState.DONE, r.id()))
                    .activity(new Activity(r.ref(), ctx.now(), ActivityKind.CREATED,
                            "found after an unknown outcome (key " + intent.key() + ")"))
                    .dirty(intent.source());
            CanonicalType ct = keyer.canonicalType(r.ref().system(), r.ref().type());
            if (ct != null) {
                changes.matchKeys(r.ref(), ct.key(), keyer.indexKeys(r.ref().system(), r.ref().type(), r.fields()));
            }
            ctx.store().apply(changes.build());
        } else {
            ctx.store().apply(ChangeSet.builder().intent(intent.with(IntentState.FAILED, null)).dirty(intent.source()).build());
        }
    }

    /** An intent whose outcome could not be found out now: it stays pending, its entity waits, the failure says why. */
    private void unsettled(WriteIntent intent, String flow, String reason, Findings findings) {
        var old = ctx.store().failure(intent.source(), intent.system()).orElse(null);
        ChangeSet.Builder changes = ChangeSet.builder()
                .failure(FailureRecords.next(old, intent.source(), intent.system(), reason,
                        ctx.store().snapshot(intent.source()).map(Snapshot::hash).orElse(null), ctx.now(),
                        ctx.options().backoff()))
                .activity(new Activity(intent.source(), ctx.now(), ActivityKind.FAILED, reason));
        ctx.store().apply(changes.build());
        if (flow != null) {
            findings.count(flow, Count.FAILED, 1).change(Changes.failure(flow, intent.source(), intent.system(), reason));
        }
    }

    // ------------------------------------------------------------------------------------------------ updates, deletes

    /** The update and delete intents of one system and type: their targets read back in one call, then one commit. */
    private void settleChanges(List<WriteIntent> group, Findings findings) {
        WriteIntent first = group.get(0);
        Connector connector = ctx.systems().get(first.system());
        Map<String, SourceRecord> now;
        try {
            now = connector.reader(first.type())
                    .readByIds(group.stream().map(WriteIntent::targetId).distinct().toList(),
                            FieldsToRead.of(ctx.mapping(), connector, first.type()))
                    .stream().collect(Collectors.toMap(SourceRecord::id, r -> r, (a, b) -> a));
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                throw e;
            }
            Map<String, Entity> entities = ctx.store().entities(group.stream().map(WriteIntent::entityId).toList());
            for (WriteIntent intent : group) {
                Entity entity = entities.get(intent.entityId());
                unsettled(intent, entity == null ? null : entity.flowId(), intent.operation().name().toLowerCase()
                        + " of " + intent.target() + " has an unknown outcome and could not be read back: "
                        + e.getMessage(), findings);
            }
            return;
        }
        KillPoint.INTENT_SETTLING.reach();
        Map<RecordRef, Link> links = ctx.store().links(group.stream().map(WriteIntent::target).toList());
        ChangeSet.Builder changes = ChangeSet.builder();
        for (WriteIntent intent : group) {
            SourceRecord back = now.get(intent.targetId());
            Link link = links.get(intent.target());
            boolean applied = intent.operation() == WriteOperation.UPDATE
                    ? back != null && holds(back, intent.fields())
                    : intent.fields().isEmpty() ? back == null : back != null && holds(back, intent.fields());
            if (!applied || link == null) {
                changes.intent(intent.with(IntentState.FAILED, null)).dirty(intent.source());
                if (back != null) {
                    changes.dirty(intent.target());
                }
                continue;
            }
            changes.intent(intent.with(IntentState.DONE, null));
            recordApplied(intent, back, link, changes);
        }
        ctx.store().apply(changes.build());
    }

    /** The history, link and snapshot an applied update or delete leaves, as {@link Executor} records its answer. */
    private void recordApplied(WriteIntent intent, SourceRecord back, Link link, ChangeSet.Builder changes) {
        String confirmed = " (its answer was lost; read back " + ctx.now() + ")";
        if (intent.operation() == WriteOperation.UPDATE) {
            changes.link(link.withWrite(Executor.seenAfterWrite(link.lastSeen(), intent.fields(), back), intent.fields(),
                    Optional.ofNullable(latest(back)).orElse(ctx.now()), EchoExpectation.NONE));
            stage(back, changes);
            changes.activity(new Activity(intent.target(), ctx.now(), ActivityKind.UPDATED, intent.fields().entrySet()
                    .stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ")) + confirmed));
            changes.dirty(intent.source());
        } else if (!intent.fields().isEmpty()) {
            stage(back, changes);
            changes.activity(new Activity(intent.target(), ctx.now(), ActivityKind.RETIRED,
                    "partner deleted in " + intent.source().system() + confirmed));
        } else {
            changes.link(link.withState(LinkState.DELETED_IN_SOURCE));
            changes.removeSnapshot(intent.target());
            changes.activity(new Activity(intent.target(), ctx.now(), ActivityKind.DELETED,
                    "partner deleted in " + intent.source().system() + confirmed));
        }
    }

    /** Whether the record holds every value (an empty value and no value are the same). */
    private static boolean holds(SourceRecord r, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!Objects.equals(blankToNull(e.getValue()), blankToNull(r.fields().get(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void stage(SourceRecord r, ChangeSet.Builder out) {
        out.snapshot(new Snapshot(r.ref(), RecordHash.of(r), r.fields(), r.modifiedAt(), r.fieldModifiedAt(), true));
        CanonicalType ct = ctx.keyer().canonicalType(r.ref().system(), r.ref().type());
        if (ct != null) {
            out.matchKeys(r.ref(), ct.key(), ctx.keyer().keys(r.ref().system(), r.ref().type(), r.fields()));
        }
    }

    /**
     * What tolk takes as last seen of a found create: the values it sent, over what the record holds now. A field that
     * reads otherwise then counts as changed in the system since the create (someone edited it before tolk found the
     * record, or the system keeps the value in its own form), so the next merge weighs it, in a field of its own too
     * (a second field of the property too), instead of taking it for the value tolk wrote: it is written across, or recorded as a
     * conflict's loser, never lost.
     */
    static Map<String, String> seenAsSent(WriteIntent intent, SourceRecord found) {
        Map<String, String> out = new LinkedHashMap<>(found.fields());
        out.putAll(intent.fields());
        return out;
    }

    /**
     * The fields of the found record that read as tolk sent them: only those count as tolk's own write. A field that
     * reads otherwise may be the system's form of the value or someone's edit since the create (the answer was lost, so
     * tolk cannot tell); taken as tolk's write, the edit would never be written over nor brought across. Left out, the
     * field is decided as at any link, and written again if need be.
     */
    static Map<String, String> shownAsSent(WriteIntent intent, SourceRecord found) {
        Map<String, String> out = new LinkedHashMap<>();
        intent.fields().forEach((field, value) -> {
            if (Objects.equals(value, found.fields().get(field))) {
                out.put(field, value);
            }
        });
        return out;
    }

    static Instant latest(SourceRecord r) {
        Instant max = r.modifiedAt();
        for (Instant i : r.fieldModifiedAt().values()) {
            if (i != null && (max == null || i.isAfter(max))) {
                max = i;
            }
        }
        return max;
    }
}
