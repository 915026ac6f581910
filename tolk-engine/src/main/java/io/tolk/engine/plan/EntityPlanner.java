package io.tolk.engine.plan;

import io.tolk.api.FieldIssue;
import io.tolk.api.FieldMarker;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.FlowSide;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.merge.EntityMerger;
import io.tolk.engine.merge.MemberView;
import io.tolk.engine.merge.MergeResult;
import io.tolk.engine.merge.ValueProblem;
import io.tolk.engine.policy.DeletePolicy;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.WriteIntent;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.ReviewOrigin;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.values.FieldChecks;
import io.tolk.engine.values.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decide: from one chunk's records, entities, links, baselines and match candidates, plus the mapping and the options,
 * one {@link EntityPlan} per entity or lone record. A pure function of its inputs ({@link ChunkInput},
 * {@link PlanningFacts}): it reads no store, calls no system and changes nothing, so {@code tolk plan} runs it as it
 * is. The only thing it makes up is the ids of new entities and create intents.
 *
 * <p>What it decides, by the dataflow rules:
 * <ul>
 *   <li>rule 3, a record without a partner in a system of its flow is matched there first: exactly one candidate each
 *       way links them; more than one either way sends it to review; none lets it be created there, where the flow
 *       creates and the record is not inactive;</li>
 *   <li>rules 1 and 2, the members are merged per property ({@link EntityMerger}) and every member gets the fields
 *       that differ ({@link MemberPlanner}), checked against the system's rules (rule 6) before anything is sent;</li>
 *   <li>rule 5, a member deleted in its source leaves the others alone, or with {@code deletes: propagate} has them
 *       deleted or retired, unless deletions are held back this cycle;</li>
 *   <li>a member that no longer passes its flow's filter stops the entity's sync until it passes again.</li>
 * </ul>
 */
public final class EntityPlanner {

    private final PlanningFacts facts;
    private final Mapping mapping;
    private final EntityMerger merger;
    private final MemberPlanner writes;
    private final MatchKeyer keyer;
    private final Instant now;

    public EntityPlanner(PlanningFacts facts) {
        this.facts = facts;
        this.mapping = facts.mapping();
        this.merger = new EntityMerger(mapping.model(), facts.options().tieWinner());
        this.writes = new MemberPlanner(mapping.model(), facts.options()::countryFormat);
        this.keyer = new MatchKeyer(mapping);
        this.now = facts.now();
    }

    /**
     * The plans of one chunk, in its items' order. A record an earlier plan of the chunk joined to an entity (linked,
     * or the source of a create) is no longer anyone's candidate, and its own item is left out: that plan covers it.
     */
    public List<EntityPlan> plan(ChunkInput in) {
        Set<RecordRef> joined = new HashSet<>();
        List<EntityPlan> out = new ArrayList<>();
        for (WorkItem item : in.items()) {
            if (item.members().stream().anyMatch(m -> joined.contains(m.ref()))) {
                continue;
            }
            EntityPlan p = item.isLone() ? planLone(item, in, joined) : planEntity(item, in, joined);
            if (p.storeEntity() || !item.isLone()) {
                p.members().forEach(m -> joined.add(m.ref()));
            }
            out.add(p);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ lone records

    private EntityPlan planLone(WorkItem item, ChunkInput in, Set<RecordRef> joined) {
        WorkItem.Member lone = item.members().get(0);
        RecordRef ref = lone.ref();
        Snapshot s = lone.snapshot();
        Draft d = new Draft(in);
        d.plain(ref, s);
        List<Flow> flows = mapping.flowsFor(ref.system(), ref.type());
        if (flows.isEmpty()) {
            return d.skip(ref, "no flow takes " + ref.system() + " " + ref.type() + " records", EntityPlan.Completion.PROCESSED);
        }
        d.flow = flows.get(0);
        ReviewItem review = in.reviews().get(ref);
        if (review != null && review.origin() == ReviewOrigin.USER) {
            return d.skip(ref, "waits for 'tolk link': a person unlinked it", EntityPlan.Completion.PROCESSED);
        }
        SourceRecord record = asRecord(s);
        List<Flow> eligible = flows.stream().filter(f -> f.filter(ref.system()).test(record)).toList();
        if (review != null && review.origin() != ReviewOrigin.CREATE) {
            d.reviewsRemoved.add(ref);   // a CREATE item stays until the partner exists (the executor removes it)
        }
        if (eligible.isEmpty()) {
            return d.skip(ref, "does not pass the filter of " + d.flow.id() + " (" + d.flow.filter(ref.system()).expression()
                    + ")", EntityPlan.Completion.PROCESSED);
        }
        d.flow = eligible.get(0);
        Node node = new Node(List.of(ref), Set.of(ref.system()), keyer.keys(ref.system(), ref.type(), s.fields()),
                keyer.canonicalType(ref.system(), ref.type()));
        List<String> targets = new ArrayList<>();
        for (Flow f : eligible) {
            for (String system : f.systems()) {
                if (!system.equals(ref.system()) && !targets.contains(system)) {
                    targets.add(system);
                }
            }
        }
        for (String target : targets) {
            Match m = match(node, target, eligible, in, joined);
            if (m instanceof Match.Pair pair) {
                return joinLone(d, lone, pair, in, joined);   // linked: it leaves the review queue (reviewsRemoved)
            }
            if (m instanceof Match.Ambiguous a) {
                d.reviewsRemoved.remove(ref);
                return d.review(ref, a.candidates(), a.reason(), review);
            }
        }
        Flow creating = eligible.stream().filter(f -> f.sides().stream()
                .anyMatch(side -> !side.system().equals(ref.system()) && side.createInto())).findFirst().orElse(null);
        if (creating == null) {
            return d.skip(ref, "no match in " + targets.stream().map(facts::displayName).collect(Collectors.joining(" or "))
                    + ", and " + d.flow.id() + " does not create " + ref.system() + " records' partners there",
                    EntityPlan.Completion.PROCESSED);
        }
        Entity e = newEntity(creating);
        d.flow = creating;
        d.entity = e;
        d.storeEntity = true;
        d.members.clear();
        Link fresh = Link.fresh(ref, e.id(), now);
        d.links.add(fresh);
        return planMembers(d, List.of(new WorkItem.Member(ref, fresh, s)), true, in, joined);
    }

    /** A lone record and its match joined: a new entity of both, or the lone one added to the match's entity. */
    private EntityPlan joinLone(Draft d, WorkItem.Member lone, Match.Pair pair, ChunkInput in, Set<RecordRef> joined) {
        Candidate c = pair.candidate();
        Flow f = pair.flow();
        d.flow = f;
        d.members.clear();
        List<WorkItem.Member> members = new ArrayList<>();
        Entity e;
        if (c.alone()) {
            e = newEntity(f);
            if (c.link() != null) {
                d.entitiesRemoved.add(c.link().entityId());
            }
            Link cl = Link.fresh(c.ref(), e.id(), now);
            d.links.add(cl);
            members.add(new WorkItem.Member(c.ref(), cl, c.snapshot()));
        } else {
            WorkItem target = in.entities().get(c.link().entityId());
            Entity old = target.entity();
            e = old.withBaseline(Map.of(), old.forced(), now);   // a new member: merged as at any first link (rule 3)
            target.members().forEach(members::add);
        }
        Link ll = Link.fresh(lone.ref(), e.id(), now);
        d.links.add(ll);
        members.add(new WorkItem.Member(lone.ref(), ll, lone.snapshot()));
        members.sort(Comparator.comparingInt(m -> f.systems().indexOf(m.ref().system())));
        d.entity = e;
        d.storeEntity = true;
        d.linked(lone.ref(), c.ref(), f);
        if (in.reviews().containsKey(c.ref())) {
            d.reviewsRemoved.add(c.ref());
        }
        return planMembers(d, members, false, in, joined);
    }

    // ------------------------------------------------------------------------------------------------ entities

    private EntityPlan planEntity(WorkItem item, ChunkInput in, Set<RecordRef> joined) {
        Entity e = item.entity();
        Draft d = new Draft(in);
        d.entity = e;
        item.members().forEach(m -> d.plain(m.ref(), m.snapshot()));
        Flow f = mapping.flows().stream().filter(x -> x.id().equals(e.flowId())).findFirst().orElse(null);
        RecordRef first = item.members().get(0).ref();
        if (f == null) {
            return d.skip(first, "flow " + e.flowId() + " is no longer configured", EntityPlan.Completion.PROCESSED);
        }
        d.flow = f;
        if (in.blocked().contains(e.id())) {
            return d.skip(first, "waits until the create of unknown outcome is settled", EntityPlan.Completion.LEAVE_DIRTY);
        }
        List<WorkItem.Member> deleted = item.members().stream()
                .filter(m -> m.link().state() == LinkState.DELETED_IN_SOURCE).toList();
        List<WorkItem.Member> present = item.members().stream()
                .filter(m -> m.link().state() != LinkState.DELETED_IN_SOURCE).toList();
        if (!deleted.isEmpty()) {
            return planDeletion(d, f, deleted, present);
        }
        for (WorkItem.Member m : present) {
            if (m.snapshot() == null) {
                return d.skip(m.ref(), "not read from " + facts.displayName(m.ref().system()) + " yet",
                        EntityPlan.Completion.LEAVE_DIRTY);
            }
        }
        for (WorkItem.Member m : present) {
            if (!f.filter(m.ref().system()).test(asRecord(m.snapshot()))) {
                return filterOut(d, f, m);
            }
        }
        return planMembers(d, present, false, in, joined);
    }

    private EntityPlan filterOut(Draft d, Flow f, WorkItem.Member failing) {
        String why = "no longer passes the " + f.id() + " filter (" + f.filter(failing.ref().system()).expression() + ")";
        if (failing.link().state() != LinkState.FILTERED_OUT) {
            d.links.add(failing.link().withState(LinkState.FILTERED_OUT));
            d.notes.add(new Activity(failing.ref(), now, ActivityKind.FILTERED_OUT, why + "; not synced until it does"));
        }
        return d.skip(failing.ref(), why, EntityPlan.Completion.PROCESSED);
    }

    private EntityPlan planDeletion(Draft d, Flow f, List<WorkItem.Member> deleted, List<WorkItem.Member> present) {
        if (facts.options().deletes() == DeletePolicy.PROPAGATE) {
            for (WorkItem.Member gone : deleted) {
                for (WorkItem.Member t : present) {
                    if (t.link().state() != LinkState.ACTIVE || t.snapshot() == null) {
                        continue;
                    }
                    Optional<FieldMarker> retire = facts.type(t.ref().system(), t.ref().type()).softDelete();
                    if (retire.isPresent() && retire.get().appliesTo(t.snapshot().fields())) {
                        continue;   // already retired
                    }
                    if (facts.deletesHalted() != null) {
                        d.decisions.add(new Decision.Skip(f.id(), t.ref(), "deletion held back: " + facts.deletesHalted()));
                        continue;
                    }
                    String where = facts.displayName(gone.ref().system());
                    List<FieldChange> changes = retire.map(m -> m.fields().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(x -> new FieldChange(x.getKey(), t.snapshot().fields().get(x.getKey()), x.getValue()))
                            .toList()).orElse(List.of());
                    d.decisions.add(new Decision.Delete(f.id(), t.ref(), retire.orElse(null), changes, gone.ref(),
                            retire.isPresent() ? "partner deleted in " + gone.ref().system() : "deleted in " + gone.ref().system()));
                }
            }
        }
        d.completion = EntityPlan.Completion.PROCESSED;
        return d.build();
    }

    // ------------------------------------------------------------------------------------------------ members

    /** Matches the systems the entity lacks, merges, and plans every write (rules 1-3, 6). */
    private EntityPlan planMembers(Draft d, List<WorkItem.Member> members, boolean isNew, ChunkInput in,
                                   Set<RecordRef> joined) {
        Flow f = d.flow;
        d.members.clear();
        for (WorkItem.Member m : members) {
            d.members.add(read(f, m, d));
        }
        Set<String> have = new LinkedHashSet<>();
        members.forEach(m -> have.add(m.ref().system()));
        List<String> creatable = new ArrayList<>();
        boolean waiting = false;
        for (String x : f.systems()) {
            if (have.contains(x)) {
                continue;
            }
            if (!isNew) {
                Node node = node(d.members);
                Match m = match(node, x, List.of(f), in, joined);
                if (m instanceof Match.Pair pair && pair.candidate().alone()) {
                    Candidate c = pair.candidate();
                    if (c.link() != null) {
                        d.entitiesRemoved.add(c.link().entityId());
                    }
                    Link cl = Link.fresh(c.ref(), d.entity.id(), now);
                    d.links.add(cl);
                    d.members.add(read(f, new WorkItem.Member(c.ref(), cl, c.snapshot()), d));
                    d.members.sort(Comparator.comparingInt(dm -> f.systems().indexOf(dm.ref.system())));
                    d.entity = d.entity.withBaseline(Map.of(), d.entity.forced(), now);
                    d.storeEntity = true;
                    d.linked(d.members.get(0).ref, c.ref(), f);
                    if (in.reviews().containsKey(c.ref())) {
                        d.reviewsRemoved.add(c.ref());
                    }
                    have.add(x);
                    continue;
                }
                if (m instanceof Match.Pair pair) {   // its match is already in an entity of several records
                    d.decisions.add(new Decision.Skip(f.id(), d.members.get(0).ref, "matches " + pair.candidate().ref()
                            + ", which is linked with other records; not created in " + facts.displayName(x)));
                    waiting = true;
                    continue;
                }
                if (m instanceof Match.Ambiguous a) {
                    RecordRef subject = d.members.get(0).ref;
                    d.review(subject, a.candidates(), a.reason(), in.reviews().get(subject));
                    d.completion = EntityPlan.Completion.COMMIT;
                    waiting = true;
                    continue;
                }
            }
            creatable.add(x);
        }
        if (!waiting && creatable.isEmpty()) {   // every system has its record: a chosen create is done
            d.members.stream().filter(m -> partnerChosen(m.ref, in)).forEach(m -> d.reviewsRemoved.add(m.ref));
        }
        if (!waiting && d.members.size() == 1) {
            RecordRef only = d.members.get(0).ref;
            ReviewItem stale = in.reviews().get(only);
            if (stale != null && stale.origin() == ReviewOrigin.MATCHING) {
                d.reviewsRemoved.add(only);
            }
        }
        List<MemberView> views = d.members.stream().map(m -> m.view).toList();
        MergeResult merge = merger.merge(f, d.entity.baseline(), d.entity.forced(), views);
        if (!merge.problems().isEmpty()) {
            for (ValueProblem p : merge.problems()) {
                for (String other : f.systems()) {
                    if (!other.equals(p.record().system())) {
                        d.fail(p.record(), other, p.describe());
                        break;
                    }
                }
            }
            if (isNew) {
                d.abandonEntity();
            }
            d.completion = EntityPlan.Completion.PROCESSED;
            return d.build();
        }
        d.merge = merge;
        Map<String, String> desired = merge.desired();
        if (d.members.size() >= 2) {
            for (MemberDraft m : d.members) {
                planUpdate(d, f, m, desired);
            }
        }
        MemberDraft source = d.members.get(0);
        ReviewItem sourceReview = d.reviewsRemoved.contains(source.ref) ? null : in.reviews().get(source.ref);
        boolean partnerChosen = sourceReview != null && sourceReview.origin() == ReviewOrigin.CREATE;
        boolean sourceInReview = waiting || sourceReview != null && !partnerChosen;
        boolean created = false;
        for (String x : creatable) {
            FlowSide side = f.side(x);
            if (!side.createInto() || sourceInReview) {
                continue;
            }
            Optional<FieldMarker> inactive = facts.type(source.ref.system(), source.ref.type()).inactive();
            if (inactive.isPresent() && inactive.get().appliesTo(source.snapshot.fields())) {
                d.decisions.add(new Decision.Skip(f.id(), source.ref, "inactive in " + facts.displayName(source.ref.system())
                        + ", so it is not newly created in " + facts.displayName(x)));
                continue;
            }
            Map<String, String> fields = writes.create(f, side.binding(), desired);
            List<Violation> violations = check(x, side.type(), fields, true);
            if (!violations.isEmpty()) {
                d.fail(source.ref, x, describe(violations));
                continue;
            }
            WriteIntent intent = new WriteIntent(UUID.randomUUID().toString(), source.ref, x, side.type(), d.entity.id(),
                    fields, now, IntentState.PENDING, null);
            d.decisions.add(new Decision.Create(f.id(), x, side.type(), fields, source.ref, intent,
                    partnerChosen ? "a person chose to create its partner" : null, partnerChosen));
            created = true;
        }
        if (created && d.members.size() == 1) {
            planUpdate(d, f, source, desired);   // fan-out within the source itself, in the same cycle (rule 1)
        }
        if (isNew && !created) {
            d.abandonEntity();
            d.completion = EntityPlan.Completion.PROCESSED;
            return d.build();
        }
        d.completion = EntityPlan.Completion.COMMIT;
        return d.build();
    }

    /** One member as the merge sees it: echo adoption applied, a filtered-out link active again. */
    private MemberDraft read(Flow f, WorkItem.Member m, Draft d) {
        Link link = m.link();
        if (link.state() == LinkState.FILTERED_OUT) {
            link = link.withState(LinkState.ACTIVE);
            d.notes.add(new Activity(m.ref(), now, ActivityKind.FILTERED_IN, "passes the " + f.id()
                    + " filter again; synced again"));
        }
        PlanningFacts.SystemFacts system = facts.system(m.ref().system());
        EchoGuard.Reading reading = EchoGuard.read(link, m.snapshot(), system.resolution(), facts.options().echoWindow());
        MemberView view = new MemberView(m.ref(), f.binding(m.ref().system()), reading.current(), reading.link().lastSeen(),
                m.snapshot().modifiedAt(), m.snapshot().fieldModifiedAt(), system.resolution());
        MemberDraft md = new MemberDraft(m.ref(), reading.link(), m.snapshot());
        md.view = view;
        md.current = reading.current();
        seenChange(f, md, d);
        return md;
    }

    /**
     * The history line of what changed in a member's own system since tolk last saw it (echoes of tolk's own writes
     * were adopted by {@link EchoGuard} already, so what is left is someone else's edit): the bound fields, old to new,
     * and who, where the system says, at the instant the system gives for the change. Kept only when the plan commits,
     * so a plan tried again does not say it twice.
     */
    private void seenChange(Flow f, MemberDraft m, Draft d) {
        Map<String, String> seen = m.reading.lastSeen();
        if (seen.isEmpty() || m.current == null) {
            return;   // first time tolk sees it: nothing to compare with
        }
        List<String> changed = new ArrayList<>();
        for (String field : f.binding(m.ref.system()).fieldPaths()) {
            String was = blankAsNull(seen.get(field));
            String is = blankAsNull(m.current.get(field));
            if (seen.containsKey(field) && !Objects.equals(was, is)) {
                changed.add(new FieldChange(field, was, is).describe());
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        String by = facts.type(m.ref.system(), m.ref.type()).modifiedBy().map(m.snapshot.fields()::get)
                .filter(v -> !v.isBlank()).map(v -> " by " + v).orElse("");
        Instant at = m.snapshot.latestModifiedAt();   // when it was changed, as its system says; never after now
        d.seen.add(new Activity(m.ref, at == null || at.isAfter(now) ? now : at, ActivityKind.CHANGED, "in " + facts.displayName(m.ref.system()) + by + ": "
                + String.join(", ", changed)));
    }

    private static String blankAsNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** Plans the fields of one existing member to change; checks them against the system's rules first (rule 6). */
    private void planUpdate(Draft d, Flow f, MemberDraft m, Map<String, String> desired) {
        List<FieldChange> changes = writes.update(f, f.binding(m.ref.system()), desired, m.current,
                m.reading.lastSeen(), m.reading.lastWritten());
        if (changes.isEmpty()) {
            return;
        }
        Map<String, String> outgoing = new LinkedHashMap<>();
        changes.forEach(c -> outgoing.put(c.field(), c.to()));
        RecordRef source = d.members.stream().filter(o -> o != m).map(o -> o.ref).findFirst().orElse(m.ref);
        m.source = source;
        List<Violation> violations = check(m.ref.system(), m.ref.type(), outgoing, false);
        if (!violations.isEmpty()) {
            m.blocked = true;
            d.fail(source, m.ref.system(), describe(violations));
            return;
        }
        m.update = new Decision.Update(f.id(), m.ref, changes, source, null);
        d.decisions.add(m.update);
    }

    private List<Violation> check(String system, String type, Map<String, String> fields, boolean create) {
        PlanningFacts.TypeFacts t = facts.type(system, type);
        List<Violation> out = new ArrayList<>(FieldChecks.check(system, facts.displayName(system), type, fields, t.rules(),
                create));
        for (FieldIssue issue : t.precheck().check(fields, create)) {
            if (out.stream().noneMatch(v -> v.field().equals(issue.field()))) {
                out.add(new Violation(system, type, issue.field(), issue.message()));
            }
        }
        return out;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }

    private Entity newEntity(Flow f) {
        return new Entity(UUID.randomUUID().toString(), f.canonicalType().key(), f.id(), Map.of(), Map.of(), now, now);
    }

    private Node node(List<MemberDraft> members) {
        List<RecordRef> refs = new ArrayList<>();
        Set<String> systems = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        CanonicalType type = null;
        for (MemberDraft m : members) {
            refs.add(m.ref);
            systems.add(m.ref.system());
            keys.addAll(keyer.keys(m.ref.system(), m.ref.type(), m.snapshot.fields()));
            type = keyer.canonicalType(m.ref.system(), m.ref.type());
        }
        return new Node(refs, systems, keys, type);
    }

    static SourceRecord asRecord(Snapshot s) {
        return new SourceRecord(s.ref(), s.fields(), s.modifiedAt(), s.fieldModifiedAt());
    }

    // ------------------------------------------------------------------------------------------------ matching (rule 3)

    /** What is matched: a lone record, or an entity's records. */
    private record Node(List<RecordRef> refs, Set<String> systems, Set<String> keys, CanonicalType type) {
    }

    /** What matching found in one system. */
    private sealed interface Match {
        /** Nothing: the node may be created there. */
        record None() implements Match {
        }

        /** Exactly one candidate each way. */
        record Pair(Candidate candidate, Flow flow) implements Match {
        }

        /** More than one candidate either way. */
        record Ambiguous(List<RecordRef> candidates, String reason) implements Match {
        }
    }

    /** Whether a person chose to have the record's partner created (it is then never matched, rule 3 set aside). */
    private static boolean partnerChosen(RecordRef ref, ChunkInput in) {
        ReviewItem r = in.reviews().get(ref);
        return r != null && r.origin() == ReviewOrigin.CREATE;
    }

    private Match match(Node node, String target, List<Flow> flows, ChunkInput in, Set<RecordRef> joined) {
        if (node.keys().isEmpty() || node.type() == null || node.refs().stream().anyMatch(r -> partnerChosen(r, in))) {
            return new Match.None();
        }
        Map<String, Flow> byType = new LinkedHashMap<>();
        for (Flow f : flows) {
            if (f.hasSide(target)) {
                byType.putIfAbsent(f.side(target).type(), f);
            }
        }
        TreeSet<RecordRef> found = new TreeSet<>(io.tolk.engine.store.InMemoryStore.REF_ORDER);
        for (String key : node.keys()) {
            for (RecordRef r : in.holders().getOrDefault(ChunkInput.holderKey(node.type().key(), key), List.of())) {
                Candidate c = in.candidates().get(r);
                Flow f = byType.get(r.type());
                if (c != null && r.system().equals(target) && f != null && !joined.contains(r) && !node.refs().contains(r)
                        && c.pairableWith(node.systems()) && joinable(c, in) && f.filter(target).test(asRecord(c.snapshot()))) {
                    found.add(r);
                }
            }
        }
        String display = facts.displayName(target);
        String on = " on " + String.join(", ", new TreeSet<>(node.keys()));
        if (found.isEmpty()) {
            return new Match.None();
        }
        if (found.size() > 1) {
            return new Match.Ambiguous(List.copyOf(found), "matches " + found.size() + " " + display + " records" + on + ": "
                    + found.stream().map(RecordRef::toString).collect(Collectors.joining(", ")));
        }
        Candidate c = in.candidates().get(found.first());
        Flow f = byType.get(c.ref().type());
        Set<String> cKeys = keyer.keys(c.ref().system(), c.ref().type(), c.snapshot().fields());
        TreeSet<RecordRef> rivals = new TreeSet<>(io.tolk.engine.store.InMemoryStore.REF_ORDER);
        Set<String> otherSide = new LinkedHashSet<>(c.entitySystems());
        otherSide.add(target);
        for (String key : cKeys) {
            for (RecordRef r : in.holders().getOrDefault(ChunkInput.holderKey(node.type().key(), key), List.of())) {
                Candidate rival = in.candidates().get(r);
                if (rival == null || node.refs().contains(r) || !node.systems().contains(r.system()) || joined.contains(r)
                        || !rival.pairableWith(otherSide)) {
                    continue;
                }
                // a rival is any record the candidate could pair with in any of its flows (an Account with a company or
                // a department alike)
                boolean inAFlow = mapping.flowsFor(c.ref().system(), c.ref().type()).stream().anyMatch(x ->
                        x.joins(r.system(), r.type()) && x.filter(r.system()).test(asRecord(rival.snapshot())));
                if (!inAFlow) {
                    continue;
                }
                rivals.add(r);
            }
        }
        if (!rivals.isEmpty()) {
            String systems = rivals.stream().map(r -> facts.displayName(r.system())).distinct().collect(Collectors.joining("/"));
            return new Match.Ambiguous(List.of(c.ref()), "its match " + c.ref() + " also matches " + rivals.size() + " other "
                    + systems + " record(s)" + on + " (" + rivals.stream().map(RecordRef::toString)
                    .collect(Collectors.joining(", ")) + "), so tolk does not choose");
        }
        return new Match.Pair(c, f);
    }

    /** A candidate can join: it is alone, or its entity's records are all present and read. */
    private static boolean joinable(Candidate c, ChunkInput in) {
        if (c.alone()) {
            return true;
        }
        WorkItem entity = in.entities().get(c.link().entityId());
        return entity != null && entity.members().stream()
                .allMatch(m -> m.link() != null && m.link().state() == LinkState.ACTIVE && m.snapshot() != null);
    }

    // ------------------------------------------------------------------------------------------------ drafts

    /** One member while its plan is made. */
    private static final class MemberDraft {
        final RecordRef ref;
        final Link reading;
        final Snapshot snapshot;
        MemberView view;
        Map<String, String> current;
        Decision.Update update;
        boolean blocked;
        RecordRef source;

        MemberDraft(RecordRef ref, Link reading, Snapshot snapshot) {
            this.ref = ref;
            this.reading = reading;
            this.snapshot = snapshot;
        }
    }

    /** A plan while it is made; frozen by {@link #build()}. Local to one planning call. */
    private final class Draft {
        final ChunkInput in;
        Flow flow;
        Entity entity;
        boolean storeEntity;
        final List<MemberDraft> members = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        final List<RecordRef> linksRemoved = new ArrayList<>();
        final List<String> entitiesRemoved = new ArrayList<>();
        final List<Decision> decisions = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        final List<ReviewItem> reviews = new ArrayList<>();
        final List<RecordRef> reviewsRemoved = new ArrayList<>();
        final List<Activity> notes = new ArrayList<>();
        /** Changes seen in the members' own systems: history lines kept only when the plan commits. */
        final List<Activity> seen = new ArrayList<>();
        MergeResult merge;
        EntityPlan.Completion completion = EntityPlan.Completion.PROCESSED;

        Draft(ChunkInput in) {
            this.in = in;
        }

        /** A member that is only marked (processed or left dirty). */
        void plain(RecordRef ref, Snapshot snapshot) {
            members.add(new MemberDraft(ref, null, snapshot));
        }

        EntityPlan skip(RecordRef ref, String reason, EntityPlan.Completion how) {
            decisions.add(new Decision.Skip(flow == null ? null : flow.id(), ref, reason));
            completion = how;
            return build();
        }

        EntityPlan review(RecordRef ref, List<RecordRef> candidates, String reason, ReviewItem old) {
            if (old == null || !old.candidates().equals(candidates) || old.origin() != ReviewOrigin.MATCHING) {
                reviews.add(new ReviewItem(old == null ? 0 : old.id(), ref, flow.id(), candidates, reason, now,
                        ReviewOrigin.MATCHING));
                notes.add(new Activity(ref, now, ActivityKind.REVIEW, reason));
                decisions.add(new Decision.Review(flow.id(), ref, candidates, reason));
            } else {
                decisions.add(new Decision.Skip(flow.id(), ref, "still waits for review: " + reason));
            }
            completion = EntityPlan.Completion.PROCESSED;
            return build();
        }

        void linked(RecordRef a, RecordRef b, Flow f) {
            String why = "same " + (f.canonicalType() == CanonicalType.ORGANIZATION ? "name" : "e-mail");
            // a record that waited for review and now has one match: a person's decision (linking its rival by
            // hand, an edit) settled it, and tolk links it without being asked; say so where people look
            RecordRef waited = waitedForReview(a) ? a : waitedForReview(b) ? b : null;
            String after = waited == null ? "" : "; " + waited + " waited for review and has one match left since, so"
                    + " tolk linked it without being asked";
            String because = waited == null ? "" : ": " + why + after;
            notes.add(new Activity(a, now, ActivityKind.LINKED, "matched " + b + because));
            notes.add(new Activity(b, now, ActivityKind.LINKED, "matched " + a + because));
            boolean aFirst = f.systems().indexOf(a.system()) <= f.systems().indexOf(b.system());
            decisions.add(new Decision.Link(f.id(), aFirst ? b : a, aFirst ? a : b, why + after, waited != null));
        }

        private boolean waitedForReview(RecordRef ref) {
            ReviewItem r = in.reviews().get(ref);
            return r != null && r.origin() == ReviewOrigin.MATCHING;
        }

        void fail(RecordRef record, String target, String reason) {
            Snapshot s = members.stream().filter(m -> m.ref.equals(record)).map(m -> m.snapshot).findFirst().orElse(null);
            Failure old = in.failures().get(new ChangeSet.FailureKey(record, target));
            failures.add(FailureRecords.next(old, record, target, reason, s == null ? null : s.hash(), now,
                    facts.options().backoff()));
            notes.add(new Activity(record, now, ActivityKind.FAILED, reason));
            decisions.add(new Decision.Fail(flow == null ? null : flow.id(), record, target, reason));
        }

        /** A new entity that turned out to need nothing: nothing of it is stored. */
        void abandonEntity() {
            storeEntity = false;
            links.clear();
            entitiesRemoved.clear();
            decisions.removeIf(x -> x instanceof Decision.Link || x instanceof Decision.Update);
            notes.removeIf(n -> n.kind() == ActivityKind.LINKED);
            for (MemberDraft m : members) {
                m.update = null;
            }
        }

        EntityPlan build() {
            List<EntityPlan.Member> out = new ArrayList<>();
            for (MemberDraft m : members) {
                out.add(new EntityPlan.Member(m.ref, m.reading, m.snapshot, m.current, m.update, m.blocked, m.source));
            }
            List<Activity> lines = notes;
            if (completion == EntityPlan.Completion.COMMIT && !seen.isEmpty()) {
                lines = new ArrayList<>(seen);
                lines.addAll(notes);
            }
            return new EntityPlan(flow, entity, storeEntity, out, links, linksRemoved, entitiesRemoved, decisions, merge,
                    failures, reviews, reviewsRemoved, lines, completion);
        }
    }
}
