package io.tolk.engine.mapping;

/**
 * One item of {@code flows.F1.add} (key path {@code flows.F1.add[i]}): a new canonical property (TEXT), bound to one
 * field on each side of the flow. It then appears in the flow's rows, in {@code tolk docs} and in sync.
 * <pre>
 * add:
 *   - { property: organization.orgNumber, poweroffice: OrganizationNumber, zoho: Org_Number, direction: both }
 * </pre>
 * If two flows add the same property with the same Zoho field (F1 and F2 both on Accounts), the Accounts binding is
 * shared, as in the hub; a Zoho field can be bound to one property only.
 *
 * @param property      a new property of the flow's canonical type, e.g. {@code organization.orgNumber}
 * @param poField       the PowerOffice field path, e.g. {@code OrganizationNumber}
 * @param zohoField     the Zoho field API name, e.g. {@code Org_Number}
 * @param directionWord {@code both} (when {@code null}) | {@code toZoho} | {@code toPoweroffice} | {@code createOnly}
 * @param line          the 1-based line in tolk.yaml, or 0
 */
public record AddedPair(String property, String poField, String zohoField, String directionWord, int line) {
}
