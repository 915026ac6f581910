package io.tolk.engine.merge;

import io.tolk.engine.mapping.CanonicalModel;
import io.tolk.engine.mapping.FieldBinding;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.ValueKind;
import io.tolk.engine.values.CanonicalValue;
import io.tolk.engine.values.Values;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges one entity's members per canonical property against the baseline: rule 1 within each record
 * ({@link FanIn}), then rule 2 across systems, with rule 3's link-time merge when there is no baseline yet, and the
 * per-property directions overriding both. Any number of members, one per system; ties and link-time disagreements
 * go to the tie winner, else to the member of the flow's earliest side.
 */
public final class EntityMerger {

    private final CanonicalModel model;
    private final String tieWinner;

    /**
     * @param tieWinner the system that wins ties and link-time disagreements; {@code null}: the earliest side
     */
    public EntityMerger(CanonicalModel model, String tieWinner) {
        this.model = model;
        this.tieWinner = tieWinner;
    }

    /** A member's value of one property, with the member it came from. */
    private record Value(MemberView member, List<String> fields, FanIn.Chosen now) {
    }

    /**
     * @param flow     the entity's flow
     * @param baseline the values last agreed (empty before the first agreement)
     * @param forced   values the user restored; they win everything
     * @param members  the entity's members that exist (deleted ones left out), in the flow's side order
     */
    public MergeResult merge(Flow flow, Map<String, String> baseline, Map<String, String> forced, List<MemberView> members) {
        Map<String, String> desired = new LinkedHashMap<>();
        List<ConflictDecision> conflicts = new ArrayList<>();
        List<ValueProblem> problems = new ArrayList<>();
        List<MemberView> ordered = new ArrayList<>(members);
        ordered.sort((a, b) -> Integer.compare(flow.systems().indexOf(a.system()), flow.systems().indexOf(b.system())));
        boolean single = ordered.size() == 1;
        for (String property : flow.properties()) {
            ValueKind kind = model.kind(property);
            if (forced.containsKey(property)) {
                desired.put(property, forced.get(property));
                continue;
            }
            List<Value> values = new ArrayList<>();
            for (MemberView m : ordered) {
                List<String> fields = sourceFields(flow, m, property, single);
                if (!fields.isEmpty()) {
                    values.add(new Value(m, fields, FanIn.choose(fields, kind, m.current(), m.lastSeen())));
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            Value winner = values.size() == 1 ? values.get(0) : decide(property, kind, baseline, values, conflicts);
            if (!winner.now().value().valid()) {
                problems.add(new ValueProblem(winner.member().ref(), winner.now().field(), property,
                        winner.now().value().problem()));
                continue;
            }
            desired.put(property, winner.now().value().value());
        }
        return new MergeResult(desired, conflicts, problems);
    }

    private Value decide(String property, ValueKind kind, Map<String, String> baseline, List<Value> values,
                         List<ConflictDecision> conflicts) {
        if (!baseline.containsKey(property)) {
            return linkMerge(property, kind, values, conflicts);
        }
        String base = baseline.get(property);
        List<Value> changed = values.stream().filter(v -> changed(kind, v, base)).toList();
        if (changed.isEmpty()) {
            for (Value v : values) {
                if (Values.same(kind, v.now().raw(), base)) {
                    return v;
                }
            }
            Value first = values.get(0);
            return new Value(first.member(), first.fields(), new FanIn.Chosen(first.now().field(), base, CanonicalValue.of(base)));
        }
        if (changed.size() == 1 || changed.stream().allMatch(v -> Values.same(kind, v.now().raw(), changed.get(0).now().raw()))) {
            return changed.get(0);
        }
        Value winner = newest(changed);
        for (Value loser : changed) {
            if (loser == winner || Values.same(kind, loser.now().raw(), winner.now().raw())) {
                continue;
            }
            int order = order(at(winner), winner.member().resolution(), at(loser), loser.member().resolution());
            conflicts.add(new ConflictDecision(property, winner.member().system(), value(winner.now()),
                    loser.member().system(), value(loser.now()), order == 0 ? ConflictReason.TIE : ConflictReason.NEWER));
        }
        return winner;
    }

    /** The newest change: not older than any other; among those tied, the tie winner, else the earliest side. */
    private Value newest(List<Value> changed) {
        List<Value> unbeaten = new ArrayList<>();
        for (Value v : changed) {
            boolean beaten = false;
            for (Value o : changed) {
                if (o != v && order(at(o), o.member().resolution(), at(v), v.member().resolution()) > 0) {
                    beaten = true;
                    break;
                }
            }
            if (!beaten) {
                unbeaten.add(v);
            }
        }
        if (unbeaten.isEmpty()) {
            unbeaten = changed;
        }
        return preferred(unbeaten);
    }

    /** Rule 3 at linking: empty never overwrites non-empty; different non-empty values go to the tie winner. */
    private Value linkMerge(String property, ValueKind kind, List<Value> values, List<ConflictDecision> conflicts) {
        if (values.stream().allMatch(v -> Values.same(kind, v.now().raw(), values.get(0).now().raw()))) {
            return values.get(0);
        }
        List<Value> filled = values.stream().filter(v -> !(v.now().value().valid() && v.now().value().value() == null)).toList();
        if (filled.isEmpty()) {
            return values.get(0);
        }
        Value winner = filled.stream().allMatch(v -> Values.same(kind, v.now().raw(), filled.get(0).now().raw()))
                ? filled.get(0) : preferred(filled);
        for (Value loser : filled) {
            if (loser != winner && !Values.same(kind, loser.now().raw(), winner.now().raw())) {
                conflicts.add(new ConflictDecision(property, winner.member().system(), value(winner.now()),
                        loser.member().system(), value(loser.now()), ConflictReason.LINK));
            }
        }
        return winner;
    }

    /** The tie winner's value if it is among {@code candidates}, else the earliest side's. */
    private Value preferred(List<Value> candidates) {
        for (Value v : candidates) {
            if (v.member().system().equals(tieWinner)) {
                return v;
            }
        }
        return candidates.get(0);
    }

    private static Instant at(Value v) {
        return v.member().modifiedAt(v.now().field());
    }

    private static boolean changed(ValueKind kind, Value v, String base) {
        MemberView m = v.member();
        if (m.firstSight()) {
            return !Values.same(kind, v.now().raw(), base);
        }
        FanIn.Chosen last = FanIn.choose(v.fields(), kind, m.lastSeen(), m.lastSeen());
        return !Values.same(kind, v.now().raw(), last.raw());
    }

    /**
     * Orders two modification instants, each standing for the interval [t, t + resolution): {@code 0} when the
     * intervals overlap or an instant is unknown (a tie), {@code 1} when the first is later, {@code -1} when the second.
     */
    static int order(Instant a, Duration aResolution, Instant b, Duration bResolution) {
        if (a == null || b == null) {
            return 0;
        }
        Instant aEnd = a.plus(atLeastOneNano(aResolution));
        Instant bEnd = b.plus(atLeastOneNano(bResolution));
        if (a.isBefore(bEnd) && b.isBefore(aEnd)) {
            return 0;
        }
        return a.isAfter(b) ? 1 : -1;
    }

    private static Duration atLeastOneNano(Duration d) {
        return d == null || d.isZero() || d.isNegative() ? Duration.ofNanos(1) : d;
    }

    private static String value(FanIn.Chosen c) {
        return c.value().valid() ? c.value().value() : c.raw();
    }

    /**
     * The fields of a member that may carry its value elsewhere: by direction, or every bound field when the entity
     * has one member (its values seed a create).
     */
    private static List<String> sourceFields(Flow flow, MemberView m, String property, boolean single) {
        List<String> out = new ArrayList<>();
        for (FieldBinding b : m.side().fieldsOf(property)) {
            if (single || flow.readsFrom(property, m.system(), b.field())) {
                out.add(b.field());
            }
        }
        return out;
    }
}
