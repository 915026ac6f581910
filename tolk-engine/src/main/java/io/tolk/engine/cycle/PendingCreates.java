package io.tolk.engine.cycle;

import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.plan.FailureRecords;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.EchoExpectation;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rule 4: settles the create intents an earlier cycle left pending (unknown outcome) before anything is read. A record
 * found is linked (and staged, to be worked on); one certainly not made lets the intent fail, so a new create may be
 * decided; one that cannot be looked up keeps its entity waiting and records why.
 */
final class PendingCreates {

    private final CycleContext ctx;

    PendingCreates(CycleContext ctx) {
        this.ctx = ctx;
    }

    Findings settle() {
        Findings findings = new Findings();
        MatchKeyer keyer = ctx.keyer();
        for (CreateIntent intent : ctx.store().intents(IntentState.PENDING)) {
            Optional<Entity> entity = ctx.store().entity(intent.entityId());
            if (entity.isEmpty()) {
                ctx.store().putIntent(intent.with(IntentState.FAILED, null));
                continue;
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
                String reason = "create " + intent.key() + " has an unknown outcome and could not be looked up: " + e.getMessage();
                var old = ctx.store().failure(intent.source(), intent.system()).orElse(null);
                ChangeSet.Builder changes = ChangeSet.builder()
                        .failure(FailureRecords.next(old, intent.source(), intent.system(), reason,
                                ctx.store().snapshot(intent.source()).map(Snapshot::hash).orElse(null), ctx.now(),
                                ctx.options().backoff()))
                        .activity(new Activity(intent.source(), ctx.now(), ActivityKind.FAILED, reason));
                ctx.store().apply(changes.build());
                findings.count(flow, Count.FAILED, 1).change(Changes.failure(flow, intent.source(), intent.system(), reason));
                continue;
            }
            if (found.isPresent()) {
                SourceRecord r = found.get();
                Link link = new Link(r.ref(), intent.entityId(), LinkState.ACTIVE, r.fields(), shownAsSent(intent, r),
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
                    changes.matchKeys(r.ref(), ct.key(), keyer.keys(r.ref().system(), r.ref().type(), r.fields()));
                }
                ctx.store().apply(changes.build());
            } else {
                ctx.store().apply(ChangeSet.builder().intent(intent.with(IntentState.FAILED, null)).dirty(intent.source()).build());
            }
        }
        return findings;
    }

    /**
     * The fields of the found record that read as tolk sent them: only those count as tolk's own write. A field that
     * reads otherwise may be the system's form of the value or someone's edit since the create (the answer was lost, so
     * tolk cannot tell); taken as tolk's write, the edit would never be written over nor brought across. Left out, the
     * field is decided as at any link, and written again if need be.
     */
    static Map<String, String> shownAsSent(CreateIntent intent, SourceRecord found) {
        Map<String, String> out = new LinkedHashMap<>();
        intent.fields().forEach((field, value) -> {
            if (Objects.equals(value, found.fields().get(field))) {
                out.put(field, value);
            }
        });
        return out;
    }

    static java.time.Instant latest(SourceRecord r) {
        java.time.Instant max = r.modifiedAt();
        for (java.time.Instant i : r.fieldModifiedAt().values()) {
            if (i != null && (max == null || i.isAfter(max))) {
                max = i;
            }
        }
        return max;
    }
}
