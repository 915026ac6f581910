package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.identity.MatchCandidate;
import io.tolk.engine.identity.MatchOutcome;
import io.tolk.engine.identity.Matcher;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.values.MatchKeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.tolk.engine.cycle.CycleState.*;
import static io.tolk.engine.cycle.SyncCycle.PO;
import static io.tolk.engine.cycle.SyncCycle.ZOHO;
import static io.tolk.engine.cycle.SyncCycle.MANUAL_REVIEW;

/**
 * Rule 3: matches unpaired records across the systems, links pairs, queues ambiguous ones for review and starts
 * new entities for records that are to be created on the other side.
 */
final class Identification {

    private final CycleState state;
    private final WorkSelector selector;

    Identification(CycleState state, WorkSelector selector) {
        this.state = state;
        this.selector = selector;
    }

    List<EntityWork> identify(boolean backfill) {
        Set<RecordRef> due = selector.dueRecords();
        Map<String, List<Flow>> groups = new LinkedHashMap<>();
        for (Flow f : state.mapping.flows()) {
            groups.computeIfAbsent(f.zoho().recordType(), x -> new ArrayList<>()).add(f);
        }
        List<EntityWork> out = new ArrayList<>();
        Map<RecordRef, MatchOutcome.Review> reviews = new LinkedHashMap<>();
        Map<RecordRef, String> reviewFlows = new HashMap<>();
        for (Map.Entry<String, List<Flow>> g : groups.entrySet()) {
            List<Flow> flows = g.getValue();
            CanonicalType canonical = flows.get(0).canonicalType();
            List<MatchCandidate> poPool = new ArrayList<>();
            for (Flow f : flows) {
                for (Snapshot s : state.sorted(PO, f.poweroffice().recordType())) {
                    if (unpaired(s.ref(), ZOHO) && !state.manualReview.contains(s.ref()) && f.poFilter().test(asRecord(s))) {
                        poPool.add(new MatchCandidate(s.ref(), f.id(), keys(f.poweroffice(), canonical, s.fields())));
                    }
                }
            }
            List<MatchCandidate> zPool = new ArrayList<>();
            for (Snapshot s : state.sorted(ZOHO, g.getKey())) {
                if (unpaired(s.ref(), PO) && !state.manualReview.contains(s.ref())
                        && flows.stream().anyMatch(f -> f.zohoFilter().test(asRecord(s)))) {
                    zPool.add(new MatchCandidate(s.ref(), null, keys(flows.get(0).zoho(), canonical, s.fields())));
                }
            }
            MatchOutcome outcome = Matcher.match(poPool, zPool);
            for (MatchOutcome.Pair p : outcome.pairs()) {
                out.add(link(p));
            }
            for (MatchOutcome.Review r : outcome.reviews()) {
                reviews.put(r.record().ref(), r);
                reviewFlows.put(r.record().ref(), r.record().flowId() != null ? r.record().flowId() : flows.get(0).id());
            }
            for (MatchCandidate c : outcome.unmatchedPo()) {
                Flow f = state.mapping.flow(c.flowId());
                if (state.links.get(c.ref()) == null && f.createInZoho() && (backfill || selector.dirtyRecord(c.ref(), due))) {
                    out.add(newEntity(c.ref(), f));
                }
            }
            for (MatchCandidate c : outcome.unmatchedZoho()) {
                Snapshot s = state.snapshots.get(c.ref());
                Flow f = flows.stream().filter(x -> x.createInPoweroffice() && x.zohoFilter().test(asRecord(s))).findFirst().orElse(null);
                if (f != null && state.links.get(c.ref()) == null && (backfill || selector.dirtyRecord(c.ref(), due))) {
                    out.add(newEntity(c.ref(), f));
                }
            }
        }
        updateReviewQueue(reviews, reviewFlows);
        return out;
    }

    private void updateReviewQueue(Map<RecordRef, MatchOutcome.Review> reviews, Map<RecordRef, String> flows) {
        for (ReviewItem old : state.store.reviews()) {
            boolean manual = old.reason() != null && old.reason().startsWith(MANUAL_REVIEW);
            if (!manual && !reviews.containsKey(old.record())) {
                state.store.removeReview(old.record());
                state.inReview.remove(old.record());
            }
        }
        for (MatchOutcome.Review r : reviews.values()) {
            RecordRef ref = r.record().ref();
            Optional<ReviewItem> old = state.store.review(ref);
            if (old.isEmpty() || !old.get().candidates().equals(r.candidates())) {
                state.store.putReview(new ReviewItem(0, ref, flows.get(ref), r.candidates(), r.reason(), state.now));
                state.store.appendActivity(new Activity(ref, state.now, "review", r.reason()));
                state.record(new Change(ChangeKind.REVIEW, flows.get(ref), ref, ref.system(), ref.type(), null, List.of(), r.reason()));
            }
            state.inReview.add(ref);
        }
        for (Flow f : state.mapping.flows()) {
            state.counts.get(f.id()).set(Count.REVIEW, state.store.reviews().stream().filter(r -> f.id().equals(r.flowId())).count());
        }
    }

    /** Whether a record has no partner in {@code otherSystem} (unlinked, or alone in its entity) and is not busy. */
    private boolean unpaired(RecordRef ref, String otherSystem) {
        Link link = state.links.get(ref);
        if (link == null) {
            return true;
        }
        if (link.state() != LinkState.ACTIVE || state.blocked.contains(link.entityId())) {
            return false;
        }
        return state.linkOn(link.entityId(), otherSystem) == null;
    }

    private EntityWork link(MatchOutcome.Pair pair) {
        Flow f = state.mapping.flow(pair.po().flowId());
        RecordRef po = pair.po().ref();
        RecordRef z = pair.zoho().ref();
        Entity e = new Entity(UUID.randomUUID().toString(), f.canonicalType().key(), f.id(), Map.of(), Map.of(), state.now, state.now);
        Link poLink = Link.fresh(po, e.id(), state.now);
        Link zLink = Link.fresh(z, e.id(), state.now);
        List<String> emptied = new ArrayList<>();
        state.store.inTransaction(tx -> {
            for (RecordRef ref : List.of(po, z)) {
                Link old = state.links.get(ref);
                if (old != null) {
                    tx.removeLink(ref);
                    if (state.members.getOrDefault(old.entityId(), Set.of()).size() <= 1) {
                        tx.removeEntity(old.entityId());
                        emptied.add(old.entityId());
                    }
                }
                tx.removeReview(ref);
            }
            tx.putEntity(e);
            tx.putLink(poLink);
            tx.putLink(zLink);
            tx.appendActivity(new Activity(po, state.now, "linked", "matched " + z));
            tx.appendActivity(new Activity(z, state.now, "linked", "matched " + po));
        });
        state.removeLinkInMemory(po);
        state.removeLinkInMemory(z);
        emptied.forEach(state.entities::remove);
        state.entities.put(e.id(), e);
        state.putLinkInMemory(poLink);
        state.putLinkInMemory(zLink);
        state.inReview.remove(po);
        state.inReview.remove(z);
        state.count(f.id(), Count.LINKED);
        state.record(new Change(ChangeKind.LINK, f.id(), z, ZOHO, z.type(), po, List.of(),
                "same " + (f.canonicalType() == CanonicalType.ORGANIZATION ? "name" : "e-mail")));
        return new EntityWork(e, false, f);
    }

    private EntityWork newEntity(RecordRef source, Flow f) {
        Entity e = new Entity(UUID.randomUUID().toString(), f.canonicalType().key(), f.id(), Map.of(), Map.of(), state.now, state.now);
        EntityWork w = new EntityWork(e, true, f);
        Link link = Link.fresh(source, e.id(), state.now);
        Snapshot s = state.snapshots.get(source);
        EntityWork.Member m = state.member(w, link, s);
        if (PO.equals(source.system())) {
            w.po = m;
        } else {
            w.zoho = m;
        }
        return w;
    }

    private static Set<String> keys(TypeBinding side, CanonicalType type, Map<String, String> fields) {
        String property = type == CanonicalType.ORGANIZATION ? "organization.name" : "person.email";
        Set<String> out = new LinkedHashSet<>();
        for (var b : side.fieldsOf(property)) {
            String v = fields.get(b.field());
            String k = type == CanonicalType.ORGANIZATION ? MatchKeys.organizationName(v) : MatchKeys.email(v);
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }
}
