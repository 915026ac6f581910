package io.tolk.engine.cycle;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.merge.ConflictDecision;
import io.tolk.engine.merge.EntityMerger;
import io.tolk.engine.merge.ValueProblem;
import io.tolk.engine.plan.FieldChange;
import io.tolk.engine.plan.MemberPlanner;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.values.FallbackRules;
import io.tolk.engine.values.FieldChecks;
import io.tolk.engine.values.Violation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.tolk.engine.cycle.CycleState.*;
import static io.tolk.engine.cycle.SyncCycle.PO;

/**
 * Merge + plan: merges each entity's members into desired values and plans the creates and updates, checked
 * against each system's field rules (rule 6).
 */
final class CyclePlanner {

    private final CycleState state;
    private final EntityMerger merger;
    private final MemberPlanner planner;
    private final Map<String, Map<String, FieldRule>> rules = new HashMap<>();

    CyclePlanner(CycleState state, EntityMerger merger, MemberPlanner planner) {
        this.state = state;
        this.merger = merger;
        this.planner = planner;
    }

    void plan(EntityWork w) {
        boolean anyDeleted = false;
        if (!w.isNew) {
            for (RecordRef ref : state.members.getOrDefault(w.entity.id(), Set.of())) {
                Link l = state.links.get(ref);
                if (l.state() == LinkState.DELETED_IN_SOURCE) {
                    anyDeleted = true;
                    continue;
                }
                Snapshot s = state.snapshots.get(ref);
                if (s == null) {
                    w.problem = true;
                    return;
                }
                if (!w.flow.filter(ref.system()).test(asRecord(s))) {
                    filterOut(w, l);
                    return;
                }
                if (l.state() == LinkState.FILTERED_OUT) {
                    l = l.withState(LinkState.ACTIVE);   // passes again: committed with the entity's other changes
                    state.store.appendActivity(new Activity(ref, state.now, "filtered in", "passes the " + w.flow.id()
                            + " filter again; synced again"));
                }
                EntityWork.Member m = state.member(w, l, s);
                if (PO.equals(ref.system())) {
                    w.po = m;
                } else {
                    w.zoho = m;
                }
            }
        }
        if (anyDeleted) {
            w.deleted = true;
            state.store.inTransaction(tx -> state.members.getOrDefault(w.entity.id(), Set.of()).forEach(ref -> {
                Snapshot s = state.snapshots.get(ref);
                if (s != null) {
                    tx.markProcessed(ref, s.hash());
                }
            }));
            return;
        }
        if (w.po == null && w.zoho == null) {
            w.problem = true;
            return;
        }
        w.merge = merger.merge(w.flow, w.entity.baseline(), w.entity.forced(),
                w.po == null ? null : w.po.view, w.zoho == null ? null : w.zoho.view);
        if (!w.merge.problems().isEmpty()) {
            w.problem = true;
            for (ValueProblem p : w.merge.problems()) {
                state.fail(p.record(), otherSystem(p.record().system()), w.flow.id(), p.describe());
            }
            markProcessed(w);
            return;
        }
        Map<String, String> desired = w.merge.desired();
        if (w.po != null && w.zoho != null) {
            for (EntityWork.Member m : List.of(w.po, w.zoho)) {
                planUpdate(w, m, desired);
            }
        } else {
            EntityWork.Member source = w.po != null ? w.po : w.zoho;
            String target = otherSystem(source.system());
            boolean allowed = PO.equals(target) ? w.flow.createInPoweroffice()
                    : w.flow.createInZoho() && !"true".equalsIgnoreCase(source.snapshot.fields().get("IsArchived"));
            if (allowed && !state.inReview.contains(source.ref())) {
                TypeBinding side = w.flow.side(target);
                Map<String, String> fields = planner.create(w.flow, side, desired);
                List<Violation> violations = FieldChecks.check(target, side.recordType(), fields,
                        rules(target, side.recordType()), true);
                if (!violations.isEmpty()) {
                    state.fail(source.ref(), target, w.flow.id(), describe(violations));
                } else {
                    CreateIntent intent = new CreateIntent(UUID.randomUUID().toString(), source.ref(), target,
                            side.recordType(), w.entity.id(), fields, state.now, IntentState.PENDING, null);
                    w.create = new EntityWork.Create(target, side.recordType(), fields, intent);
                    List<FieldChange> set = fields.entrySet().stream()
                            .map(e -> new FieldChange(e.getKey(), null, e.getValue())).toList();
                    state.record(new Change(ChangeKind.CREATE, w.flow.id(), null, target, side.recordType(), source.ref(), set, null));
                    planUpdate(w, source, desired);   // fan-out within the source itself, in the same cycle (rule 1)
                }
            }
            if (w.create == null && w.isNew) {
                markProcessed(w);
                w.problem = true;
            }
        }
        for (ConflictDecision c : w.merge.conflicts()) {
            state.record(new Change(ChangeKind.CONFLICT, w.flow.id(), memberRef(w, c.loserSide()), c.loserSide(),
                    memberRef(w, c.loserSide()).type(), memberRef(w, c.winnerSide()), List.of(), describe(c)));
        }
    }

    /** Plans the fields of one existing member to change; checks them against the system's rules first (rule 6). */
    private void planUpdate(EntityWork w, EntityWork.Member m, Map<String, String> desired) {
        TypeBinding side = w.flow.side(m.system());
        List<FieldChange> update = planner.update(w.flow, side, desired, m.view.current(), m.view.lastSeen(),
                m.link.lastWritten());
        if (update.isEmpty()) {
            return;
        }
        Map<String, String> outgoing = new LinkedHashMap<>();
        update.forEach(c -> outgoing.put(c.field(), c.to()));
        List<Violation> violations = FieldChecks.check(m.system(), m.ref().type(), outgoing,
                rules(m.system(), m.ref().type()), false);
        RecordRef source = sourceOf(w, m);
        if (!violations.isEmpty()) {
            m.blocked = true;
            state.fail(source, m.system(), w.flow.id(), describe(violations));
            return;
        }
        m.update = update;
        m.sent = outgoing;
        state.record(new Change(ChangeKind.UPDATE, w.flow.id(), m.ref(), m.system(), m.ref().type(), source, update, null));
    }


    private Map<String, FieldRule> rules(String system, String type) {
        return rules.computeIfAbsent(system + "/" + type, k -> {
            try {
                return state.connectors.get(system).fieldRules(type);
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    throw e;
                }
                state.warn(system + ": the field rules of " + type + " could not be read (" + e.getMessage()
                        + "); values were checked against " + FallbackRules.describe(system, type)
                        + ", and " + system + " itself refuses what it does not accept");
                return FallbackRules.of(system, type);
            }
        });
    }

    /**
     * A linked record that no longer passes its flow's filter: the entity's records count as examined (so they are not
     * examined again every cycle) and the record's link is marked {@link LinkState#FILTERED_OUT}; nothing is written.
     */
    private void filterOut(EntityWork w, Link failing) {
        w.filteredOut = true;
        Link marked = failing.withState(LinkState.FILTERED_OUT);
        state.store.inTransaction(tx -> {
            for (RecordRef ref : state.members.getOrDefault(w.entity.id(), Set.of())) {
                Snapshot s = state.snapshots.get(ref);
                if (s != null) {
                    tx.markProcessed(ref, s.hash());
                }
            }
            if (failing.state() != LinkState.FILTERED_OUT) {
                tx.putLink(marked);
                tx.appendActivity(new Activity(failing.ref(), state.now, "filtered out", "no longer passes the " + w.flow.id()
                        + " filter (" + w.flow.filter(failing.ref().system()).expression()
                        + "); not synced until it does"));
            }
        });
        state.putLinkInMemory(marked);
    }

    private void markProcessed(EntityWork w) {
        state.store.inTransaction(tx -> {
            for (EntityWork.Member m : new EntityWork.Member[]{w.po, w.zoho}) {
                if (m != null) {
                    tx.markProcessed(m.ref(), m.snapshot.hash());
                }
            }
        });
    }
}
