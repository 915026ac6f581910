package io.tolk.engine.mapping;

import java.util.List;

/**
 * What tolk.yaml may change in the built-in mapping (built by the CLI's config loader, which knows line numbers).
 *
 * @param flows               per-flow refinements ({@code flows:} section)
 * @param createInPoweroffice {@code sync.createInPoweroffice}: the default for flows F1 and F3 (never departments),
 *                            or {@code null} when not set; a flow's own switch wins
 * @param createLine          the line of {@code sync.createInPoweroffice}, or 0
 */
public record MappingOverrides(List<FlowOverride> flows, Boolean createInPoweroffice, int createLine) {

    public MappingOverrides {
        flows = flows == null ? List.of() : List.copyOf(flows);
    }

    /** Per-flow refinements only. */
    public MappingOverrides(List<FlowOverride> flows) {
        this(flows, null, 0);
    }

    /** Nothing changed: {@link Mapping#build(MappingOverrides)} gives {@link Mapping#defaults()}. */
    public static MappingOverrides none() {
        return new MappingOverrides(List.of());
    }
}
