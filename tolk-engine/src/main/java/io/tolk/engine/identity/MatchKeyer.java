package io.tolk.engine.identity;

import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.FieldBinding;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.values.MatchKeys;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A record's match keys (rule 3): the normalised values of the fields its type binds to its canonical type's match
 * property (an organisation's name, a person's e-mail, each in every field bound to it). Empty values give no key.
 */
public final class MatchKeyer {

    private final Mapping mapping;

    public MatchKeyer(Mapping mapping) {
        this.mapping = mapping;
    }

    /** The canonical type a record type is bound to, or {@code null} when the mapping does not bind it. */
    public CanonicalType canonicalType(String system, String type) {
        TypeBinding b = mapping.binding(system, type);
        return b == null ? null : b.canonicalType();
    }

    /** The keys of a record of {@code system}'s {@code type} holding {@code fields}; empty when it never matches. */
    public Set<String> keys(String system, String type, Map<String, String> fields) {
        TypeBinding b = mapping.binding(system, type);
        if (b == null) {
            return Set.of();
        }
        CanonicalType ct = b.canonicalType();
        Set<String> out = new LinkedHashSet<>();
        for (FieldBinding f : b.fieldsOf(ct.matchProperty())) {
            String v = fields.get(f.field());
            String k = ct == CanonicalType.ORGANIZATION ? MatchKeys.organizationName(v) : MatchKeys.email(v);
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * The keys the store keeps for a record: its match keys and, for a person, the search keys of its name (first last,
     * and last first, so either part found by its start finds the person; see {@link MatchKeys#personName}). Matching
     * only ever looks up {@link #keys}, so a name key never matches.
     */
    public Set<String> indexKeys(String system, String type, Map<String, String> fields) {
        Set<String> out = keys(system, type, fields);
        TypeBinding b = mapping.binding(system, type);
        if (b == null || b.canonicalType() != CanonicalType.PERSON) {
            return out;
        }
        String first = value(b, fields, "person.firstName");
        String last = value(b, fields, "person.lastName");
        Set<String> all = new LinkedHashSet<>(out);
        for (String k : new String[] {MatchKeys.personName(first, last), MatchKeys.personName(last, first)}) {
            if (k != null) {
                all.add(k);
            }
        }
        return all;
    }

    private static String value(TypeBinding b, Map<String, String> fields, String property) {
        for (FieldBinding f : b.fieldsOf(property)) {
            String v = fields.get(f.field());
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
