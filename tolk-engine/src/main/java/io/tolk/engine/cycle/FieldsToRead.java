package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.TypeBinding;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** The fields a cycle asks a system for: bound fields, filter fields, and the fields of the system's markers. */
public final class FieldsToRead {

    private FieldsToRead() {
    }

    public static Set<String> of(Mapping mapping, Connector connector, String type) {
        String system = connector.system();
        Set<String> fields = new LinkedHashSet<>();
        TypeBinding b = mapping.binding(system, type);
        if (b != null) {
            fields.addAll(b.fieldPaths());
        }
        for (Flow f : mapping.flowsFor(system, type)) {
            fields.addAll(f.filter(system).fields());
        }
        connector.softDelete(type).ifPresent(m -> fields.addAll(m.fields().keySet()));
        connector.inactive(type).ifPresent(m -> fields.addAll(m.fields().keySet()));
        return fields;
    }

    /** The union over several types (one read stream). */
    public static Set<String> of(Mapping mapping, Connector connector, Collection<String> types) {
        Set<String> fields = new LinkedHashSet<>();
        for (String t : types) {
            fields.addAll(of(mapping, connector, t));
        }
        return fields;
    }
}
