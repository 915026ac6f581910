package io.tolk.app.web.api;

import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.FieldBinding;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.store.Snapshot;
import java.util.Map;

/** What a person calls a staged record: an organisation's name, a person's first and last name (else e-mail). */
final class RecordNames {

    private RecordNames() {
    }

    /** The record's name from its staged fields, or {@code null} when it has none (or is not bound by the mapping). */
    static String of(Mapping mapping, Snapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        TypeBinding b = mapping.binding(snapshot.ref().system(), snapshot.ref().type());
        if (b == null) {
            return null;
        }
        Map<String, String> fields = snapshot.fields();
        if (b.canonicalType() == CanonicalType.ORGANIZATION) {
            return value(b, fields, "organization.name");
        }
        String first = value(b, fields, "person.firstName");
        String last = value(b, fields, "person.lastName");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? value(b, fields, "person.email") : name;
    }

    private static String value(TypeBinding b, Map<String, String> fields, String property) {
        for (FieldBinding f : b.fieldsOf(property)) {
            String v = fields.get(f.field());
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
