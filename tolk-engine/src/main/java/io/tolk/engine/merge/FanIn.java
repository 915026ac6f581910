package io.tolk.engine.merge;

import io.tolk.engine.mapping.ValueKind;
import io.tolk.engine.values.CanonicalValue;
import io.tolk.engine.values.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rule 1, fan-in: one value per property from the fields of one record bound to it. If they agree, that value; if they
 * differ, the one field that changed since the last sync; if several changed, or on first sight, the primary field.
 */
public final class FanIn {

    private FanIn() {
    }

    /**
     * The value a record holds for a property.
     *
     * @param field the field it came from
     * @param raw   the raw value
     * @param value its canonical form (or the reason it has none)
     */
    public record Chosen(String field, String raw, CanonicalValue value) {
    }

    /**
     * @param fields   the record's fields bound to the property, primary first (not empty)
     * @param current  the record's values now
     * @param lastSeen its values at the last sync; empty on first sight
     */
    public static Chosen choose(List<String> fields, ValueKind kind, Map<String, String> current, Map<String, String> lastSeen) {
        String primary = fields.get(0);
        boolean allSame = fields.stream().allMatch(f -> Values.same(kind, current.get(f), current.get(primary)));
        if (allSame || lastSeen.isEmpty()) {
            return chosen(primary, kind, current);
        }
        List<String> changed = new ArrayList<>();
        for (String f : fields) {
            if (lastSeen.containsKey(f) && !Values.same(kind, current.get(f), lastSeen.get(f))) {
                changed.add(f);
            }
        }
        return chosen(changed.size() == 1 ? changed.get(0) : primary, kind, current);
    }

    private static Chosen chosen(String field, ValueKind kind, Map<String, String> values) {
        String raw = values.get(field);
        return new Chosen(field, raw, Values.canonical(kind, raw));
    }
}
