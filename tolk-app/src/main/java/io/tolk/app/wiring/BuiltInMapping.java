package io.tolk.app.wiring;

import io.tolk.api.SystemSpoke;
import io.tolk.engine.mapping.FlowDeclaration;
import io.tolk.engine.mapping.FlowDeclaration.Side;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.poweroffice.PowerOfficeSpoke;
import io.tolk.zoho.ZohoSpoke;

import java.util.List;

/**
 * tolk's first job as data (spec/dataflow.md): the spokes of PowerOffice Go and Zoho CRM, which their connectors
 * bring, and the three flows between them. Every customer and department gets a Zoho record; Zoho records are
 * created in PowerOffice only where {@code createInPoweroffice} says so, and departments never.
 */
public final class BuiltInMapping {

    public static final String POWEROFFICE = "poweroffice";
    public static final String ZOHO = "zoho";

    /** The systems' spokes. */
    public static final List<SystemSpoke> SPOKES = List.of(PowerOfficeSpoke.SPOKE, ZohoSpoke.SPOKE);

    /** F1 company customer ⇄ Account, F2 department ⇄ Account, F3 person customer ⇄ Contact. */
    public static final List<FlowDeclaration> FLOWS = List.of(
            new FlowDeclaration("F1", List.of(Side.creatable(POWEROFFICE, "CompanyCustomer"), Side.createdIn(ZOHO, "Accounts"))),
            new FlowDeclaration("F2", List.of(Side.matchedOnly(POWEROFFICE, "Department"), Side.createdIn(ZOHO, "Accounts"))),
            new FlowDeclaration("F3", List.of(Side.creatable(POWEROFFICE, "PersonCustomer"), Side.createdIn(ZOHO, "Contacts"))));

    private BuiltInMapping() {
    }

    /** Exactly the dataflow spec's three flows. */
    public static Mapping defaults() {
        return build(MappingOverrides.none());
    }

    /** The built-in flows refined by tolk.yaml. */
    public static Mapping build(MappingOverrides overrides) {
        return Mapping.build(SPOKES, FLOWS, overrides);
    }
}
