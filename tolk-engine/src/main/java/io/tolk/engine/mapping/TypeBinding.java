package io.tolk.engine.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One system's record type bound to a canonical type: a spoke of the hub.
 *
 * @param system        the system (a connector's {@code system()} name)
 * @param recordType    the connector's record type, e.g. {@code Customer}, {@code Organisation}
 * @param canonicalType the canonical type its records are
 * @param fields        the bound fields, in declaration order. Unmodifiable.
 */
public record TypeBinding(String system, String recordType, CanonicalType canonicalType, List<FieldBinding> fields) {

    public TypeBinding {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(canonicalType, "canonicalType");
        fields = List.copyOf(fields);
    }

    /** The fields bound to one property, primary first; empty if the property is not bound here. */
    public List<FieldBinding> fieldsOf(String property) {
        List<FieldBinding> out = new ArrayList<>();
        for (FieldBinding f : fields) {
            if (f.property().equals(property)) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing(f -> !f.primary()));
        return out;
    }

    /** The primary field bound to a property, or {@code null} if the property is not bound here. */
    public FieldBinding primaryOf(String property) {
        List<FieldBinding> bound = fieldsOf(property);
        return bound.isEmpty() ? null : bound.get(0);
    }

    /** The properties bound here, in declaration order. */
    public Set<String> properties() {
        Set<String> out = new LinkedHashSet<>();
        fields.forEach(f -> out.add(f.property()));
        return out;
    }

    /** The bound field paths, in declaration order. */
    public Set<String> fieldPaths() {
        Set<String> out = new LinkedHashSet<>();
        fields.forEach(f -> out.add(f.field()));
        return out;
    }

    /** The binding of a field path, or {@code null} if that field is not bound. */
    public FieldBinding binding(String field) {
        for (FieldBinding f : fields) {
            if (f.field().equals(field)) {
                return f;
            }
        }
        return null;
    }

    /** A copy with one more field bound. */
    public TypeBinding with(FieldBinding added) {
        List<FieldBinding> copy = new ArrayList<>(fields);
        copy.add(added);
        return new TypeBinding(system, recordType, canonicalType, copy);
    }
}
