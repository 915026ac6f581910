package io.tolk.engine.mapping;

import java.util.Objects;

/**
 * One row of a flow's QA table: a PowerOffice field and a Zoho field bound to the same canonical property.
 *
 * @param property  the canonical property both fields are bound to
 * @param poField   the PowerOffice field path
 * @param zohoField the Zoho field API name
 * @param direction who may write where for this pair
 * @param valueType the value type shown in the checklist ({@code "string"})
 */
public record FlowRow(String property, String poField, String zohoField, Direction direction, String valueType) {
    public FlowRow {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(poField, "poField");
        Objects.requireNonNull(zohoField, "zohoField");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(valueType, "valueType");
    }

    /** A copy with another direction. */
    public FlowRow withDirection(Direction d) {
        return new FlowRow(property, poField, zohoField, d, valueType);
    }
}
