package io.tolk.engine.mapping;

/**
 * {@code flows.F1.add.<property>}: a new canonical property (TEXT), bound to one field on each side of the flow.
 * It then appears in the flow's rows, in {@code tolk docs} and in sync.
 *
 * @param property      a new property of the flow's canonical type, e.g. {@code organization.orgNumber}
 * @param poField       the PowerOffice field path, e.g. {@code OrganizationNumber}
 * @param zohoField     the Zoho field API name, e.g. {@code Org_Number}
 * @param directionWord {@code both} (when {@code null}) | {@code toZoho} | {@code toPoweroffice} | {@code createOnly}
 * @param line          the 1-based line in tolk.yaml, or 0
 */
public record AddedPair(String property, String poField, String zohoField, String directionWord, int line) {
}
