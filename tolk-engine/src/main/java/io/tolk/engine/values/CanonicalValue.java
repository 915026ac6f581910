package io.tolk.engine.values;

/**
 * A value in canonical form, or the reason it has none.
 *
 * @param value   the canonical value; {@code null} means empty (only meaningful when {@link #valid()})
 * @param problem why the raw value cannot be converted, in words a person understands; {@code null} when valid
 */
public record CanonicalValue(String value, String problem) {

    public static CanonicalValue of(String value) {
        return new CanonicalValue(value, null);
    }

    public static CanonicalValue invalid(String problem) {
        return new CanonicalValue(null, problem);
    }

    public boolean valid() {
        return problem == null;
    }
}
