package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.plan.FieldChange;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One decision of a cycle, for the report and the dry-run plan.
 *
 * @param kind         what
 * @param flowId       the flow ({@code F1}...), {@code null} where none applies
 * @param target       the record changed ({@code null} for a create: it has no id yet)
 * @param targetSystem the system written (or the system of the record concerned)
 * @param targetType   its record type
 * @param source       where the values came from (for a link: the record of the earlier side), or {@code null}
 * @param fields       the fields set, in order (creates and updates)
 * @param detail       a line for people: the reason, the conflict, the candidates
 * @param afterReview  for a link: a record of it had waited in the review queue, and tolk linked it on its own once a
 *                     decision since left it one match (the report lists these apart)
 */
public record Change(ChangeKind kind, String flowId, RecordRef target, String targetSystem, String targetType,
                     RecordRef source, List<FieldChange> fields, String detail, boolean afterReview) {
    public Change {
        fields = List.copyOf(fields);
    }

    /** A change that is not a link out of the review queue. */
    public Change(ChangeKind kind, String flowId, RecordRef target, String targetSystem, String targetType,
                  RecordRef source, List<FieldChange> fields, String detail) {
        this(kind, flowId, target, targetSystem, targetType, source, fields, detail, false);
    }

    /** {@code source system → target system}, e.g. {@code erp → crm}. */
    public String direction() {
        return source == null ? targetSystem : source.system() + " → " + targetSystem;
    }

    /** One line, e.g. {@code F1 update crm/Organisation/9001 (from erp/Customer/1): Phone: '1' -> '2'}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (flowId != null) {
            b.append(flowId).append(' ');
        }
        b.append(kind.name().toLowerCase().replace('_', ' ')).append(' ');
        b.append(target != null ? target.toString() : targetSystem + "/" + targetType);
        if (source != null) {
            b.append(" (").append(kind == ChangeKind.LINK ? "with " + source : "from " + source).append(')');
        }
        if (!fields.isEmpty()) {
            b.append(": ").append(fields.stream().map(FieldChange::describe).collect(Collectors.joining(", ")));
        }
        if (detail != null && !detail.isEmpty()) {
            b.append(fields.isEmpty() ? ": " : " — ").append(detail);
        }
        return b.toString();
    }
}
