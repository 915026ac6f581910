package io.tolk.engine.identity;

import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.FieldBinding;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.TypeBinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record's name for people, read from its fields through the mapping: an organisation's name; a person's first and
 * last name, or their e-mail when both are empty. Empty when the record has none or its type is not mapped. Pure.
 */
public final class RecordNames {

    private final Mapping mapping;

    public RecordNames(Mapping mapping) {
        this.mapping = mapping;
    }

    /** The name of {@code ref} holding {@code fields} (trimmed), or {@code ""}. */
    public String name(RecordRef ref, Map<String, String> fields) {
        TypeBinding b = mapping.binding(ref.system(), ref.type());
        if (b == null || fields == null) {
            return "";
        }
        if (b.canonicalType() == CanonicalType.ORGANIZATION) {
            return value(b, fields, "organization.name");
        }
        List<String> parts = new ArrayList<>();
        for (String property : List.of("person.firstName", "person.lastName")) {
            String v = value(b, fields, property);
            if (!v.isEmpty()) {
                parts.add(v);
            }
        }
        return parts.isEmpty() ? value(b, fields, CanonicalType.PERSON.matchProperty()) : String.join(" ", parts);
    }

    /** The first filled field bound to {@code property}, primary first. */
    private static String value(TypeBinding b, Map<String, String> fields, String property) {
        for (FieldBinding f : b.fieldsOf(property)) {
            String v = fields.get(f.field());
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return "";
    }
}
