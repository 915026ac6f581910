package io.tolk.api;

import java.util.Map;

/**
 * Field values that mean something about a record as a whole: that it is retired (archived, deactivated) or what
 * retires it ({@link Connector#softDelete}, {@link Connector#inactive}).
 *
 * @param fields field path to value, e.g. {@code IsArchived = "true"}; not empty
 */
public record FieldMarker(Map<String, String> fields) {
    public FieldMarker {
        fields = Map.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a field marker names at least one field");
        }
    }

    /** A marker of one field. */
    public static FieldMarker of(String field, String value) {
        return new FieldMarker(Map.of(field, value));
    }

    /** Whether {@code record} holds every value of this marker (compared trimmed and ignoring case). */
    public boolean appliesTo(Map<String, String> record) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String now = record.get(e.getKey());
            if (now == null || !now.strip().equalsIgnoreCase(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
