package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.DeletedFeed;
import io.tolk.api.DeletedPage;
import io.tolk.api.Deletion;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.policy.DeletePolicy;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.StreamKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rule 5, detection. Two sources of suspects, the same for every system:
 * <ul>
 *   <li>a complete read that delivered fewer records than the store holds of its types: the stream is read once more,
 *       marking each record seen with a new scan number in the store, and the snapshots that scan did not see are the
 *       suspects (a keyset sweep; no set of ids is held in memory). A complete read that delivered as many records as
 *       are stored lost none, and costs nothing more;</li>
 *   <li>the system's deleted-records feed, from its checkpoint.</li>
 * </ul>
 * A suspect nothing links is forgotten. A linked one is looked up by id: only a lookup that answers "not found"
 * confirms a deletion (its link is marked deleted in source and its snapshot dropped); one that comes back as
 * another type of the same system has moved out of its flow, which counts as a deletion there.
 */
final class DeletionDetector {

    private static final int SWEEP = 500;
    private static final int LOOKUP = 100;

    private final CycleContext ctx;
    private final Stager stager;

    DeletionDetector(CycleContext ctx) {
        this.ctx = ctx;
        this.stager = new Stager(ctx);
    }

    Findings detect(List<ReadPhase.StreamRead> reads) {
        Findings findings = new Findings();
        for (ReadPhase.StreamRead read : reads) {
            if (read.summary().complete()
                    && ctx.store().countSnapshots(read.system(), read.stream().types()) > read.delivered()) {
                sweep(read, findings);
            }
        }
        for (String system : ctx.mapping().systems()) {
            Connector connector = ctx.systems().get(system);
            Optional<DeletedFeed> feed = connector.deletedFeed();
            if (feed.isEmpty()) {
                continue;
            }
            for (String type : ctx.mapping().boundTypes(system)) {
                StreamKey key = StreamKey.deletions(system, type);
                DeletedPage page = feed.get().deletedSince(type, ctx.store().checkpoint(key));
                Set<String> ids = new LinkedHashSet<>();
                for (Deletion d : page.deletions()) {
                    if (d.ref().system().equals(system) && d.ref().type().equals(type)) {
                        ids.add(d.ref().id());
                    }
                }
                examine(connector, type, new ArrayList<>(ids), findings);
                if (!page.next().isNone()) {
                    ctx.store().putCheckpoint(key, page.next());
                }
            }
        }
        return findings;
    }

    /** Reads the stream again marking what it sees, then examines every stored record it did not see. */
    private void sweep(ReadPhase.StreamRead read, Findings findings) {
        Connector connector = ctx.systems().get(read.system());
        long scan = ctx.store().nextScan();
        String phase = "check for deletions " + read.system() + "/" + read.stream().name();
        long[] seen = {0};
        var summary = connector.reader(read.stream()).readAll(identityFields(connector, read.stream().types()), page -> {
            List<RecordRef> refs = new ArrayList<>(page.size());
            page.forEach(r -> refs.add(r.ref()));
            ctx.store().markSeen(refs, scan);
            seen[0] += refs.size();
            ctx.progress().progress(phase, seen[0], -1);
        });
        if (!summary.complete()) {
            return;   // an incomplete scan proves nothing
        }
        for (String type : read.stream().types()) {
            String after = null;
            while (true) {
                List<RecordRef> unseen = ctx.store().unseen(read.system(), type, scan, after, SWEEP);
                if (unseen.isEmpty()) {
                    break;
                }
                after = unseen.get(unseen.size() - 1).id();
                examine(connector, type, unseen.stream().map(RecordRef::id).toList(), findings);
            }
        }
    }

    /** The fewest fields that still identify a record: the first bound field of each type. */
    private Set<String> identityFields(Connector connector, Set<String> types) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : types) {
            FieldsToRead.of(ctx.mapping(), connector, t).stream().findFirst().ifPresent(out::add);
        }
        return out;
    }

    private void examine(Connector connector, String type, List<String> ids, Findings findings) {
        for (int i = 0; i < ids.size(); i += LOOKUP) {
            examineChunk(connector, type, ids.subList(i, Math.min(ids.size(), i + LOOKUP)), findings);
        }
    }

    private void examineChunk(Connector connector, String type, List<String> ids, Findings findings) {
        String system = connector.system();
        List<RecordRef> refs = ids.stream().map(id -> new RecordRef(system, type, id)).toList();
        Map<RecordRef, Link> links = ctx.store().links(refs);
        ChangeSet.Builder changes = ChangeSet.builder();
        List<String> toConfirm = new ArrayList<>();
        Set<RecordRef> known = ctx.store().hashes(refs).keySet();
        for (RecordRef ref : refs) {
            Link link = links.get(ref);
            if (link == null) {
                if (known.contains(ref)) {
                    changes.removeSnapshot(ref);
                    changes.removeReview(ref);
                }
            } else if (link.state() != LinkState.DELETED_IN_SOURCE) {
                toConfirm.add(ref.id());
            }
        }
        if (!toConfirm.isEmpty()) {
            List<SourceRecord> found;
            try {
                found = connector.reader(type).readByIds(toConfirm, FieldsToRead.of(ctx.mapping(), connector, type));
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                found = null;   // not confirmed "not found": no deletion is believed this cycle
            }
            if (found != null) {
                Set<String> stillThere = new HashSet<>();
                Map<String, String> movedTo = new HashMap<>();
                for (SourceRecord r : found) {
                    if (r.ref().type().equals(type)) {
                        stillThere.add(r.id());
                    } else {
                        movedTo.put(r.id(), r.ref().type());
                    }
                }
                if (!found.isEmpty()) {
                    findings.addAll(stager.stage(found).findings());
                }
                for (String id : toConfirm) {
                    if (stillThere.contains(id)) {
                        continue;
                    }
                    String newType = movedTo.get(id);
                    RecordRef ref = new RecordRef(system, type, id);
                    markDeleted(links.get(ref), newType == null ? "deleted in " + system
                            : "no longer a " + type + " in " + system + " (it is now a " + newType
                              + "), so for this flow it counts as deleted", changes, findings);
                }
            }
        }
        ChangeSet set = changes.build();
        if (!set.isEmpty()) {
            ctx.store().apply(set);
        }
    }

    private void markDeleted(Link link, String why, ChangeSet.Builder changes, Findings findings) {
        RecordRef ref = link.ref();
        String flow = ctx.store().entity(link.entityId()).map(Entity::flowId).orElse(null);
        changes.link(link.withState(LinkState.DELETED_IN_SOURCE));
        changes.removeSnapshot(ref);   // a comeback with the same id is then new content, and is linked again
        changes.activity(new Activity(ref, ctx.now(), ActivityKind.DELETED, why + "; its partner is left alone"));
        // nothing of the pair is synced across a deleted link any more (rule 5): a failure to write from or to any of
        // its records, the partner's own mirror fields included, will never be retried, so it goes
        for (Link member : ctx.store().linksOf(link.entityId())) {
            for (String system : ctx.mapping().systems()) {
                changes.removeFailure(member.ref(), system);
            }
        }
        for (String system : ctx.mapping().systems()) {
            changes.removeFailure(ref, system);
        }
        if (ctx.options().deletes() == DeletePolicy.PROPAGATE) {
            for (Link partner : ctx.store().linksOf(link.entityId())) {
                if (!partner.ref().equals(ref)) {
                    changes.dirty(partner.ref());
                }
            }
        }
        findings.count(flow, Count.DELETED, 1);
        findings.change(new Change(ChangeKind.DELETED_IN_SOURCE, flow, ref, ref.system(), ref.type(), null, List.of(),
                why + "; the linked record is left alone and not re-created"));
    }
}
