package io.tolk.app.wiring;

import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.FlowConfig;
import io.tolk.engine.mapping.AddedPair;
import io.tolk.engine.mapping.FlowOverride;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.engine.mapping.PropertyOverride;
import io.tolk.engine.mapping.Setting;

import java.util.List;
import java.util.Map;

import static io.tolk.app.wiring.BuiltInMapping.POWEROFFICE;
import static io.tolk.app.wiring.BuiltInMapping.ZOHO;

/**
 * Builds a connection's mapping from its tolk.yaml refinements (with their keys and lines, for the engine's messages).
 * tolk.yaml's words for PowerOffice and Zoho become the engine's system names here: a flow's {@code filter} and
 * {@code createInPoweroffice} are about its PowerOffice side.
 */
public final class Mappings {

    private Mappings() {
    }

    /** The engine's overrides for a connection. */
    public static MappingOverrides overrides(ConnectionConfig connection) {
        List<FlowOverride> flows = connection.flows().stream().map(Mappings::flow).toList();
        Boolean createInPo = connection.sync().createInPowerofficeIfSet();
        Map<String, Setting<Boolean>> createInto = createInPo == null ? Map.of()
                : Map.of(POWEROFFICE, new Setting<>(createInPo, "sync.createInPoweroffice", connection.sync().createInPowerofficeLine()));
        return new MappingOverrides(flows, createInto);
    }

    /**
     * The mapping; a {@link io.tolk.engine.mapping.MappingException} naming key path and line on mistakes, a
     * PowerOffice property the filters or added pairs name that PowerOffice does not have included.
     */
    public static Mapping mapping(ConnectionConfig connection) {
        Mapping mapping = BuiltInMapping.build(overrides(connection));
        ConfiguredFields.checkPowerOffice(connection, mapping);
        return mapping;
    }

    private static FlowOverride flow(FlowConfig f) {
        String key = "flows." + f.flow();
        Map<String, Setting<String>> filters = f.filter() == null ? Map.of()
                : Map.of(POWEROFFICE, new Setting<>(f.filter(), key + ".filter", f.filterLine()));
        Map<String, Setting<Boolean>> createInto = f.createInPoweroffice() == null ? Map.of()
                : Map.of(POWEROFFICE, new Setting<>(f.createInPoweroffice(), key + ".createInPoweroffice", f.createLine()));
        return new FlowOverride(f.flow(), f.line(), filters, createInto,
                f.properties().stream().map(p -> new PropertyOverride(p.field(), p.directionWord(), p.line())).toList(),
                f.added().stream().map(a -> new AddedPair(a.property(), Map.of(POWEROFFICE, a.poField(), ZOHO, a.zohoField()),
                        a.directionWord(), a.line())).toList());
    }
}
