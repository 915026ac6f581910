package io.tolk.engine.mapping;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical model: which properties exist ({@code organization.name}, {@code person.email}, ...) and of which
 * {@link ValueKind}. Immutable; properties added from tolk.yaml are {@link ValueKind#TEXT}.
 */
public final class CanonicalModel {

    private final Map<String, ValueKind> kinds;

    private CanonicalModel(Map<String, ValueKind> kinds) {
        this.kinds = Collections.unmodifiableMap(new TreeMap<>(kinds));
    }

    /** The built-in model behind flows F1-F3. */
    public static CanonicalModel standard() {
        Map<String, ValueKind> kinds = new TreeMap<>();
        kinds.put("organization.name", ValueKind.TEXT);
        kinds.put("organization.phone", ValueKind.PHONE);
        kinds.put("organization.website", ValueKind.URL);
        kinds.put("organization.address.city", ValueKind.TEXT);
        kinds.put("organization.address.postalCode", ValueKind.TEXT);
        kinds.put("organization.address.country", ValueKind.COUNTRY);
        kinds.put("person.firstName", ValueKind.TEXT);
        kinds.put("person.lastName", ValueKind.TEXT);
        kinds.put("person.email", ValueKind.EMAIL);
        kinds.put("person.phone", ValueKind.PHONE);
        kinds.put("person.address.city", ValueKind.TEXT);
        kinds.put("person.address.postalCode", ValueKind.TEXT);
        kinds.put("person.address.country", ValueKind.COUNTRY);
        return new CanonicalModel(kinds);
    }

    /**
     * The kind of a property.
     *
     * @throws IllegalArgumentException if the model has no such property (the message lists the known ones)
     */
    public ValueKind kind(String property) {
        ValueKind kind = kinds.get(property);
        if (kind == null) {
            throw new IllegalArgumentException("no canonical property " + property + "; known: " + String.join(", ", kinds.keySet()));
        }
        return kind;
    }

    /** Whether the model has this property. */
    public boolean has(String property) {
        return kinds.containsKey(property);
    }

    /** All properties, sorted. */
    public Set<String> properties() {
        return kinds.keySet();
    }

    /** A model with one more property (or the same property with another kind). This model is unchanged. */
    public CanonicalModel withProperty(String property, ValueKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (CanonicalType.ofProperty(property) == null) {
            throw new IllegalArgumentException("canonical property " + property + " must start with organization. or person.");
        }
        Map<String, ValueKind> copy = new TreeMap<>(kinds);
        copy.put(property, kind);
        return new CanonicalModel(copy);
    }

    /** A stable text form, for fingerprints: {@code property=KIND} lines, sorted. */
    String describe() {
        StringBuilder out = new StringBuilder();
        kinds.forEach((p, k) -> out.append(p).append('=').append(k).append('\n'));
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalModel other && kinds.equals(other.kinds);
    }

    @Override
    public int hashCode() {
        return kinds.hashCode();
    }

    @Override
    public String toString() {
        return "CanonicalModel" + kinds;
    }
}
