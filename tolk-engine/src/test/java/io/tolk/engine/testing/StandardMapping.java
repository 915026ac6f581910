package io.tolk.engine.testing;

import io.tolk.api.SystemSpoke;
import io.tolk.engine.mapping.FlowDeclaration;
import io.tolk.engine.mapping.FlowDeclaration.Side;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.poweroffice.PowerOfficeSpoke;
import io.tolk.zoho.ZohoSpoke;

import java.util.List;

/**
 * The mapping the engine's tests sync with: the PowerOffice and Zoho connectors' own spokes and the dataflow spec's
 * three flows, declared as the application declares them (the engine itself knows no system by name).
 */
public final class StandardMapping {

    public static final List<SystemSpoke> SPOKES = List.of(PowerOfficeSpoke.SPOKE, ZohoSpoke.SPOKE);

    public static final List<FlowDeclaration> FLOWS = List.of(
            new FlowDeclaration("F1", List.of(Side.creatable("poweroffice", "CompanyCustomer"), Side.createdIn("zoho", "Accounts"))),
            new FlowDeclaration("F2", List.of(Side.matchedOnly("poweroffice", "Department"), Side.createdIn("zoho", "Accounts"))),
            new FlowDeclaration("F3", List.of(Side.creatable("poweroffice", "PersonCustomer"), Side.createdIn("zoho", "Contacts"))));

    private StandardMapping() {
    }

    public static Mapping defaults() {
        return build(MappingOverrides.none());
    }

    public static Mapping build(MappingOverrides overrides) {
        return Mapping.build(SPOKES, FLOWS, overrides);
    }
}
