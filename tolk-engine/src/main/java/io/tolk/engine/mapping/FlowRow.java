package io.tolk.engine.mapping;

import java.util.Objects;

/**
 * One row of a flow's QA table: a field of one side and a field of another side bound to the same canonical property.
 *
 * @param property  the canonical property both fields are bound to
 * @param left      the field of the side declared first
 * @param right     the field of the side declared later
 * @param direction who may write where for this pair
 * @param valueType the value type shown in the checklist ({@code "string"})
 */
public record FlowRow(String property, FieldRef left, FieldRef right, Direction direction, String valueType) {

    /**
     * One end of a row.
     *
     * @param system the system
     * @param field  its field path
     */
    public record FieldRef(String system, String field) {
        public FieldRef {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(field, "field");
        }
    }

    public FlowRow {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(valueType, "valueType");
    }

    /** The field of {@code system} in this row, or {@code null} if the row does not join it. */
    public String field(String system) {
        return left.system().equals(system) ? left.field() : right.system().equals(system) ? right.field() : null;
    }

    /** The end that is not {@code system}'s. */
    public FieldRef other(String system) {
        return left.system().equals(system) ? right : left;
    }

    /** Whether the row joins field {@code field} of {@code system}. */
    public boolean has(String system, String field) {
        return field.equals(field(system));
    }

    /** A copy with another direction. */
    public FlowRow withDirection(Direction d) {
        return new FlowRow(property, left, right, d, valueType);
    }
}
