package io.tolk.app.wiring;

import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.FlowConfig;
import io.tolk.engine.mapping.AddedPair;
import io.tolk.engine.mapping.FlowOverride;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.engine.mapping.PropertyOverride;
import java.util.List;

/** Builds a connection's mapping from its tolk.yaml refinements (with their lines, for the engine's messages). */
public final class Mappings {

    private Mappings() {
    }

    /** The engine's overrides for a connection. */
    public static MappingOverrides overrides(ConnectionConfig connection) {
        List<FlowOverride> flows = connection.flows().stream().map(Mappings::flow).toList();
        return new MappingOverrides(flows, connection.sync().createInPowerofficeIfSet(),
                connection.sync().createInPowerofficeLine());
    }

    /** The mapping; a {@link io.tolk.engine.mapping.MappingException} naming key path and line on mistakes. */
    public static Mapping mapping(ConnectionConfig connection) {
        return Mapping.build(overrides(connection));
    }

    private static FlowOverride flow(FlowConfig f) {
        return new FlowOverride(f.flow(), f.line(), f.filter(), f.filterLine(), f.createInPoweroffice(), f.createLine(),
                f.properties().stream().map(p -> new PropertyOverride(p.field(), p.directionWord(), p.line())).toList(),
                f.added().stream().map(a -> new AddedPair(a.property(), a.poField(), a.zohoField(), a.directionWord(),
                        a.line())).toList());
    }
}
