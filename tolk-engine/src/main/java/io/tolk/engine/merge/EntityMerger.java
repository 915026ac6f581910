package io.tolk.engine.merge;

import io.tolk.engine.mapping.CanonicalModel;
import io.tolk.engine.mapping.Direction;
import io.tolk.engine.mapping.FieldBinding;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.ValueKind;
import io.tolk.engine.values.Values;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges one entity's members per canonical property against the baseline: rule 1 within each record
 * ({@link FanIn}), then rule 2 across systems, with rule 3's link-time merge when there is no baseline yet, and the
 * per-property directions overriding both.
 */
public final class EntityMerger {

    private final CanonicalModel model;
    private final TieWinner tieWinner;

    public EntityMerger(CanonicalModel model, TieWinner tieWinner) {
        this.model = model;
        this.tieWinner = tieWinner;
    }

    /**
     * @param flow     the entity's flow
     * @param baseline the values last agreed (empty before the first agreement)
     * @param forced   values the user restored; they win everything
     * @param po       the PowerOffice member, or {@code null} if there is none (or it was deleted)
     * @param zoho     the Zoho member, or {@code null}
     */
    public MergeResult merge(Flow flow, Map<String, String> baseline, Map<String, String> forced,
                             MemberView po, MemberView zoho) {
        Map<String, String> desired = new LinkedHashMap<>();
        List<ConflictDecision> conflicts = new ArrayList<>();
        List<ValueProblem> problems = new ArrayList<>();
        for (String property : flow.properties()) {
            ValueKind kind = model.kind(property);
            if (forced.containsKey(property)) {
                desired.put(property, forced.get(property));
                continue;
            }
            boolean single = po == null || zoho == null;
            List<String> poFields = sourceFields(flow, po, property, single, Set.of(Direction.BOTH, Direction.TO_ZOHO));
            List<String> zFields = sourceFields(flow, zoho, property, single, Set.of(Direction.BOTH, Direction.TO_POWEROFFICE));
            FanIn.Chosen poNow = poFields.isEmpty() ? null : FanIn.choose(poFields, kind, po.current(), po.lastSeen());
            FanIn.Chosen zNow = zFields.isEmpty() ? null : FanIn.choose(zFields, kind, zoho.current(), zoho.lastSeen());
            FanIn.Chosen winner;
            if (poNow == null && zNow == null) {
                continue;
            } else if (zNow == null) {
                winner = poNow;
            } else if (poNow == null) {
                winner = zNow;
            } else {
                winner = decide(flow, property, kind, baseline, po, poFields, poNow, zoho, zFields, zNow, conflicts);
            }
            MemberView from = winner == poNow ? po : zoho;
            if (!winner.value().valid()) {
                problems.add(new ValueProblem(from.ref(), winner.field(), property, winner.value().problem()));
                continue;
            }
            desired.put(property, winner.value().value());
        }
        return new MergeResult(desired, conflicts, problems);
    }

    private FanIn.Chosen decide(Flow flow, String property, ValueKind kind, Map<String, String> baseline,
                                MemberView po, List<String> poFields, FanIn.Chosen poNow,
                                MemberView zoho, List<String> zFields, FanIn.Chosen zNow,
                                List<ConflictDecision> conflicts) {
        boolean known = baseline.containsKey(property);
        if (!known) {
            return linkMerge(property, kind, poNow, zNow, conflicts);
        }
        String base = baseline.get(property);
        boolean poChanged = changed(kind, po, poFields, poNow, base);
        boolean zChanged = changed(kind, zoho, zFields, zNow, base);
        if (!poChanged && !zChanged) {
            return Values.same(kind, poNow.raw(), base) ? poNow : Values.same(kind, zNow.raw(), base) ? zNow
                    : new FanIn.Chosen(poNow.field(), base, io.tolk.engine.values.CanonicalValue.of(base));
        }
        if (poChanged && !zChanged) {
            return poNow;
        }
        if (zChanged && !poChanged) {
            return zNow;
        }
        if (Values.same(kind, poNow.raw(), zNow.raw())) {
            return poNow;
        }
        Instant poAt = po.modifiedAt(poNow.field());
        Instant zAt = zoho.modifiedAt(zNow.field());
        int order = order(poAt, po.resolution(), zAt, zoho.resolution());
        ConflictReason reason = order == 0 ? ConflictReason.TIE : ConflictReason.NEWER;
        boolean poWins = order > 0 || (order == 0 && tieWinner == TieWinner.POWEROFFICE);
        conflicts.add(poWins
                ? new ConflictDecision(property, po.system(), value(poNow), zoho.system(), value(zNow), reason)
                : new ConflictDecision(property, zoho.system(), value(zNow), po.system(), value(poNow), reason));
        return poWins ? poNow : zNow;
    }

    /** Rule 3 at linking: empty never overwrites non-empty; different non-empty values go to tieWinner. */
    private FanIn.Chosen linkMerge(String property, ValueKind kind, FanIn.Chosen poNow, FanIn.Chosen zNow,
                                   List<ConflictDecision> conflicts) {
        if (Values.same(kind, poNow.raw(), zNow.raw())) {
            return poNow;
        }
        boolean poEmpty = poNow.value().valid() && poNow.value().value() == null;
        boolean zEmpty = zNow.value().valid() && zNow.value().value() == null;
        if (poEmpty) {
            return zNow;
        }
        if (zEmpty) {
            return poNow;
        }
        boolean poWins = tieWinner == TieWinner.POWEROFFICE;
        FanIn.Chosen w = poWins ? poNow : zNow;
        FanIn.Chosen l = poWins ? zNow : poNow;
        conflicts.add(new ConflictDecision(property, poWins ? "poweroffice" : "zoho", value(w),
                poWins ? "zoho" : "poweroffice", value(l), ConflictReason.LINK));
        return w;
    }

    private static boolean changed(ValueKind kind, MemberView m, List<String> fields, FanIn.Chosen now, String base) {
        if (m.firstSight()) {
            return !Values.same(kind, now.raw(), base);
        }
        FanIn.Chosen last = FanIn.choose(fields, kind, m.lastSeen(), m.lastSeen());
        return !Values.same(kind, now.raw(), last.raw());
    }

    /**
     * Orders two modification instants, each standing for the interval [t, t + resolution): {@code 0} when the
     * intervals overlap or an instant is unknown (a tie), {@code 1} when PowerOffice's is later, {@code -1} when Zoho's.
     */
    static int order(Instant po, Duration poResolution, Instant zoho, Duration zResolution) {
        if (po == null || zoho == null) {
            return 0;
        }
        Instant poEnd = po.plus(atLeastOneNano(poResolution));
        Instant zEnd = zoho.plus(atLeastOneNano(zResolution));
        if (po.isBefore(zEnd) && zoho.isBefore(poEnd)) {
            return 0;
        }
        return po.isAfter(zoho) ? 1 : -1;
    }

    private static Duration atLeastOneNano(Duration d) {
        return d == null || d.isZero() || d.isNegative() ? Duration.ofNanos(1) : d;
    }

    private static String value(FanIn.Chosen c) {
        return c.value().valid() ? c.value().value() : c.raw();
    }

    /**
     * The fields of a member that may carry its value into the other system: by direction, or every bound field when
     * the entity has one member (its values seed a create).
     */
    private static List<String> sourceFields(Flow flow, MemberView m, String property, boolean single, Set<Direction> allowed) {
        if (m == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (FieldBinding b : m.side().fieldsOf(property)) {
            if (single || allowed.contains(flow.direction(property, b.field()))) {
                out.add(b.field());
            }
        }
        return out;
    }
}
