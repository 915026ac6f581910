package io.tolk.engine.plan;

/**
 * One field a write sets.
 *
 * @param field the system's field path
 * @param from  the raw value it holds now ({@code null} = empty, or a create)
 * @param to    the raw value written ({@code null} clears it)
 */
public record FieldChange(String field, String from, String to) {
    public String describe() {
        return field + ": " + quote(from) + " -> " + quote(to);
    }

    private static String quote(String v) {
        return v == null ? "(empty)" : "'" + v + "'";
    }
}
