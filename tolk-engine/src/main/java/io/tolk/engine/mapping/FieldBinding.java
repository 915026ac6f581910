package io.tolk.engine.mapping;

import java.util.Objects;

/**
 * A system field bound to a canonical property. When two fields of one record are bound to the same property,
 * the primary one wins fan-in on first sight or when both changed (rule 1); the other is a mirror on fan-out.
 *
 * @param property the canonical property, e.g. {@code organization.address.city}
 * @param field    the system's field path, e.g. {@code Address.City}
 * @param primary  whether this field wins fan-in
 */
public record FieldBinding(String property, String field, boolean primary) {
    public FieldBinding {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(field, "field");
    }
}
