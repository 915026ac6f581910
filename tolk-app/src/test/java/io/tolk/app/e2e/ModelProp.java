package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * The mapped properties the sync model edits: each one's canonical name, the kind of record it belongs to, its
 * PowerOffice property (a JSON path below the customer) and its Zoho field(s), primary first (spec rule 1: the
 * secondary field is a mirror). {@link #NAME} and {@link #EMAIL} are the match keys: editing them is a rename.
 */
enum ModelProp {
    NAME("organization.name", ModelKind.COMPANY, "Name", "Account_Name", null),
    WEBSITE("organization.website", ModelKind.COMPANY, "WebsiteUrl", "Website", null),
    COMPANY_PHONE("organization.phone", ModelKind.COMPANY, "PhoneNumber", "Phone", null),
    COMPANY_CITY("organization.address.city", ModelKind.COMPANY, "MailAddress/City", "Billing_City", "Shipping_City"),
    FIRST_NAME("person.firstName", ModelKind.PERSON, "FirstName", "First_Name", null),
    LAST_NAME("person.lastName", ModelKind.PERSON, "LastName", "Last_Name", null),
    EMAIL("person.email", ModelKind.PERSON, "EmailAddress", "Email", "Secondary_Email"),
    PERSON_PHONE("person.phone", ModelKind.PERSON, "PhoneNumber", "Phone", "Other_Phone"),
    PERSON_CITY("person.address.city", ModelKind.PERSON, "MailAddress/City", "Mailing_City", "Other_City");

    final String canonical;
    final ModelKind kind;
    final String poPath;
    final String zohoPrimary;
    final String zohoSecondary;

    ModelProp(String canonical, ModelKind kind, String poPath, String zohoPrimary, String zohoSecondary) {
        this.canonical = canonical;
        this.kind = kind;
        this.poPath = poPath;
        this.zohoPrimary = zohoPrimary;
        this.zohoSecondary = zohoSecondary;
    }

    /** The n-th fresh value of this property: unique across the whole try, so where a value ends up says where it came from. */
    String value(int n) {
        return switch (this) {
            case NAME -> "Firma " + n + " AS";
            case WEBSITE -> "https://w" + n + ".example.no";
            case COMPANY_PHONE, PERSON_PHONE -> String.valueOf(40_000_000 + n);
            case COMPANY_CITY, PERSON_CITY -> "Sted" + letters(n);
            case FIRST_NAME -> "Fornavn" + letters(n);
            case LAST_NAME -> "Etternavn" + letters(n);
            case EMAIL -> "p" + n + "@example.no";
        };
    }

    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        int v = n;
        do {
            b.append((char) ('a' + v % 26));
            v /= 26;
        } while (v > 0);
        return b.toString();
    }

    /** The value this property holds in a PowerOffice customer, canonical ({@link #canonical(String)}). */
    String inPowerOffice(JsonNode customer) {
        JsonNode node = customer;
        for (String part : poPath.split("/")) {
            node = node.path(part);
        }
        return canonical(node.isMissingNode() || node.isNull() ? null : node.asText());
    }

    /** The values of this property's Zoho field(s), canonical, primary first. */
    String[] inZoho(JsonNode record) {
        String primary = canonical(record.path(zohoPrimary).isNull() ? null : record.path(zohoPrimary).asText(null));
        if (zohoSecondary == null) {
            return new String[] {primary};
        }
        return new String[] {primary, canonical(record.path(zohoSecondary).isNull() ? null
                : record.path(zohoSecondary).asText(null))};
    }

    /** A value as the spec compares values: trimmed, empty as none, e-mail case-insensitive. */
    String canonical(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String v = raw.trim();
        return this == EMAIL ? v.toLowerCase(Locale.ROOT) : v;
    }
}
