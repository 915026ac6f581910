package io.tolk.engine.testing;

import io.tolk.engine.mapping.AddedPair;
import io.tolk.engine.mapping.FlowOverride;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.engine.mapping.PropertyOverride;
import io.tolk.engine.mapping.Setting;

import java.util.List;
import java.util.Map;

/**
 * tolk.yaml's refinements as the application turns them into the engine's overrides: a flow's {@code filter} and
 * {@code createInPoweroffice} are about its PowerOffice side, an added pair names a PowerOffice and a Zoho field.
 */
public final class TestOverrides {

    private TestOverrides() {
    }

    public static FlowOverride flow(String flow, int line, String filter, int filterLine, Boolean createInPoweroffice,
                                    int createLine, List<PropertyOverride> properties, List<AddedPair> added) {
        String key = "flows." + flow;
        return new FlowOverride(flow, line,
                filter == null ? Map.of() : Map.of("poweroffice", new Setting<>(filter, key + ".filter", filterLine)),
                createInPoweroffice == null ? Map.of()
                        : Map.of("poweroffice", new Setting<>(createInPoweroffice, key + ".createInPoweroffice", createLine)),
                properties, added);
    }

    public static AddedPair added(String property, String poField, String zohoField, String directionWord, int line) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        if (poField != null) {
            fields.put("poweroffice", poField);
        }
        if (zohoField != null) {
            fields.put("zoho", zohoField);
        }
        return new AddedPair(property, fields, directionWord, line);
    }

    public static MappingOverrides overrides(List<FlowOverride> flows, Boolean createInPoweroffice, int line) {
        return new MappingOverrides(flows, createInPoweroffice == null ? Map.of()
                : Map.of("poweroffice", new Setting<>(createInPoweroffice, "sync.createInPoweroffice", line)));
    }
}
