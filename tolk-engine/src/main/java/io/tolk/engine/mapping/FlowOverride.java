package io.tolk.engine.mapping;

import java.util.List;

/**
 * One flow's refinements from tolk.yaml ({@code flows.F1: ...}). Lines are 1-based, 0 when unknown.
 *
 * @param flow                the flow id ({@code F1}); an unknown id is a {@link MappingException}
 * @param line                the line of the flow's key
 * @param filter              {@code flows.F1.filter}: which PowerOffice records take part ({@link RecordFilter}
 *                            syntax), or {@code null}
 * @param filterLine          its line
 * @param createInPoweroffice {@code flows.F1.createInPoweroffice}, or {@code null}; true for F2 is a mistake
 * @param createLine          its line
 * @param properties          {@code flows.F1.properties}: direction per field; may be {@code null}
 * @param added               {@code flows.F1.add}: new property pairs, in list order ({@code add[i]}); may be {@code null}
 */
public record FlowOverride(String flow, int line, String filter, int filterLine, Boolean createInPoweroffice, int createLine,
                           List<PropertyOverride> properties, List<AddedPair> added) {
    public FlowOverride {
        properties = properties == null ? List.of() : List.copyOf(properties);
        added = added == null ? List.of() : List.copyOf(added);
    }
}
