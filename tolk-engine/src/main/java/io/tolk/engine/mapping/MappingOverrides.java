package io.tolk.engine.mapping;

import java.util.List;
import java.util.Map;

/**
 * What tolk.yaml may change in the built-in mapping (built by the application's config loader, which knows lines).
 *
 * @param flows      per-flow refinements ({@code flows:} section)
 * @param createInto per system: the default for every flow whose side there can be created (a flow's own switch
 *                   wins; sides that are never created are left alone)
 */
public record MappingOverrides(List<FlowOverride> flows, Map<String, Setting<Boolean>> createInto) {

    public MappingOverrides {
        flows = flows == null ? List.of() : List.copyOf(flows);
        createInto = createInto == null ? Map.of() : Map.copyOf(createInto);
    }

    /** Per-flow refinements only. */
    public MappingOverrides(List<FlowOverride> flows) {
        this(flows, Map.of());
    }

    /** Nothing changed. */
    public static MappingOverrides none() {
        return new MappingOverrides(List.of());
    }
}
