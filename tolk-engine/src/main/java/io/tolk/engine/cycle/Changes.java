package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.merge.ConflictDecision;
import io.tolk.engine.plan.Decision;
import io.tolk.engine.plan.FieldChange;

import java.util.List;

/** How decisions and conflicts read in a report ({@link Change}). */
final class Changes {

    private Changes() {
    }

    /** The change a decision reports, or {@code null} for a {@link Decision.Skip} (skips are not reported). */
    static Change of(Decision d) {
        if (d instanceof Decision.Link l) {
            return new Change(ChangeKind.LINK, l.flowId(), l.record(), l.record().system(), l.record().type(), l.partner(),
                    List.of(), l.reason(), l.afterReview());
        }
        if (d instanceof Decision.Create c) {
            return new Change(ChangeKind.CREATE, c.flowId(), null, c.system(), c.type(), c.source(),
                    c.fields().entrySet().stream().map(e -> new FieldChange(e.getKey(), null, e.getValue())).toList(),
                    c.reason());
        }
        if (d instanceof Decision.Update u) {
            return new Change(ChangeKind.UPDATE, u.flowId(), u.target(), u.target().system(), u.target().type(), u.source(),
                    u.changes(), u.reason());
        }
        if (d instanceof Decision.Delete x) {
            return new Change(ChangeKind.DELETE, x.flowId(), x.target(), x.target().system(), x.target().type(), x.source(),
                    x.changes(), x.reason());
        }
        if (d instanceof Decision.Review r) {
            return new Change(ChangeKind.REVIEW, r.flowId(), r.record(), r.record().system(), r.record().type(), null,
                    List.of(), r.reason());
        }
        if (d instanceof Decision.Fail f) {
            return failure(f.flowId(), f.record(), f.target(), f.reason());
        }
        return null;
    }

    static Change failure(String flowId, RecordRef record, String target, String reason) {
        return new Change(ChangeKind.FAILURE, flowId, record, target, record.type(), null, List.of(), reason);
    }

    static Change conflict(String flowId, ConflictDecision c, RecordRef loser, RecordRef winner) {
        return new Change(ChangeKind.CONFLICT, flowId, loser, c.loserSide(), loser == null ? null : loser.type(), winner,
                List.of(), describe(c));
    }

    static String describe(ConflictDecision c) {
        return c.property() + ": " + c.winnerSide() + " " + quote(c.winnerValue()) + " won over " + c.loserSide() + " "
                + quote(c.loserValue()) + " (" + c.reason().description() + ")";
    }

    static String quote(String v) {
        return v == null ? "(empty)" : "'" + v + "'";
    }
}
