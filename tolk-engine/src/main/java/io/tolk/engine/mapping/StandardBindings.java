package io.tolk.engine.mapping;

import java.util.ArrayList;
import java.util.List;

/** The built-in spokes of the hub and the flows they compose to (dataflow.md, "a hub, not pairs"). */
final class StandardBindings {

    static final String PO = "poweroffice";
    static final String ZOHO = "zoho";

    /** A flow to compose: its id and the two record types it joins. */
    record FlowDeclaration(String id, String poType, String zohoType) {
    }

    static final List<FlowDeclaration> FLOWS = List.of(
            new FlowDeclaration("F1", "CompanyCustomer", "Accounts"),
            new FlowDeclaration("F2", Flow.DEPARTMENT, "Accounts"),
            new FlowDeclaration("F3", "PersonCustomer", "Contacts"));

    private StandardBindings() {
    }

    static List<TypeBinding> spokes() {
        return List.of(
                type(PO, "CompanyCustomer", CanonicalType.ORGANIZATION,
                        "organization.name", "Name",
                        "organization.phone", "PhoneNumber",
                        "organization.website", "WebsiteUrl",
                        "organization.address.city", "MailAddress.City",
                        "organization.address.postalCode", "MailAddress.ZipCode",
                        "organization.address.country", "MailAddress.CountryCode"),
                type(PO, Flow.DEPARTMENT, CanonicalType.ORGANIZATION,
                        "organization.name", "Name"),
                type(PO, "PersonCustomer", CanonicalType.PERSON,
                        "person.firstName", "FirstName",
                        "person.lastName", "LastName",
                        "person.email", "EmailAddress",
                        "person.phone", "PhoneNumber",
                        "person.address.city", "MailAddress.City",
                        "person.address.postalCode", "MailAddress.ZipCode",
                        "person.address.country", "MailAddress.CountryCode"),
                type(ZOHO, "Accounts", CanonicalType.ORGANIZATION,
                        "organization.name", "Account_Name",
                        "organization.phone", "Phone",
                        "organization.website", "Website",
                        "organization.address.city", "Billing_City",
                        "organization.address.city", "Shipping_City",
                        "organization.address.postalCode", "Billing_Code",
                        "organization.address.postalCode", "Shipping_Code",
                        "organization.address.country", "Billing_Country",
                        "organization.address.country", "Shipping_Country"),
                type(ZOHO, "Contacts", CanonicalType.PERSON,
                        "person.firstName", "First_Name",
                        "person.lastName", "Last_Name",
                        "person.email", "Email",
                        "person.email", "Secondary_Email",
                        "person.phone", "Phone",
                        "person.phone", "Other_Phone",
                        "person.address.city", "Mailing_City",
                        "person.address.city", "Other_City",
                        "person.address.postalCode", "Mailing_Zip",
                        "person.address.postalCode", "Other_Zip",
                        "person.address.country", "Mailing_Country",
                        "person.address.country", "Other_Country"));
    }

    /** Property/field pairs; the first field bound to a property is its primary. */
    private static TypeBinding type(String system, String recordType, CanonicalType canonical, String... pairs) {
        List<FieldBinding> fields = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String property = pairs[i];
            boolean primary = fields.stream().noneMatch(f -> f.property().equals(property));
            fields.add(new FieldBinding(property, pairs[i + 1], primary));
        }
        return new TypeBinding(system, recordType, canonical, fields);
    }
}
