package io.tolk.engine.mapping;

import java.util.List;
import java.util.Map;

/**
 * One flow's refinements from tolk.yaml ({@code flows.F1: ...}).
 *
 * @param flow       the flow id ({@code F1}); an unknown id is a {@link MappingException}
 * @param line       the line of the flow's key, or 0
 * @param filters    per system: which of its records take part ({@link RecordFilter} syntax)
 * @param createInto per system: whether tolk creates records there (overrides the flow's default)
 * @param properties direction per field; may be {@code null}
 * @param added      new property pairs, in list order ({@code add[i]}); may be {@code null}
 */
public record FlowOverride(String flow, int line, Map<String, Setting<String>> filters,
                           Map<String, Setting<Boolean>> createInto, List<PropertyOverride> properties,
                           List<AddedPair> added) {
    public FlowOverride {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        createInto = createInto == null ? Map.of() : Map.copyOf(createInto);
        properties = properties == null ? List.of() : List.copyOf(properties);
        added = added == null ? List.of() : List.copyOf(added);
    }
}
