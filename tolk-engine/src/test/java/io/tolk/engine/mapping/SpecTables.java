package io.tolk.engine.mapping;

import java.util.Set;

/** The three tables of dataflow.md, written out as "flow|PowerOffice property|Zoho field" facts. */
public final class SpecTables {

    private SpecTables() {
    }

    public static final Set<String> F1 = Set.of(
            "F1|MailAddress.City|Billing_City",
            "F1|MailAddress.City|Shipping_City",
            "F1|MailAddress.CountryCode|Billing_Country",
            "F1|MailAddress.CountryCode|Shipping_Country",
            "F1|MailAddress.ZipCode|Billing_Code",
            "F1|MailAddress.ZipCode|Shipping_Code",
            "F1|Name|Account_Name",
            "F1|PhoneNumber|Phone",
            "F1|WebsiteUrl|Website");

    public static final Set<String> F2 = Set.of(
            "F2|Name|Account_Name");

    public static final Set<String> F3 = Set.of(
            "F3|EmailAddress|Email",
            "F3|EmailAddress|Secondary_Email",
            "F3|FirstName|First_Name",
            "F3|LastName|Last_Name",
            "F3|MailAddress.City|Mailing_City",
            "F3|MailAddress.City|Other_City",
            "F3|MailAddress.CountryCode|Mailing_Country",
            "F3|MailAddress.CountryCode|Other_Country",
            "F3|MailAddress.ZipCode|Mailing_Zip",
            "F3|MailAddress.ZipCode|Other_Zip",
            "F3|PhoneNumber|Other_Phone",
            "F3|PhoneNumber|Phone");

    public static Set<String> all() {
        java.util.Set<String> all = new java.util.HashSet<>(F1);
        all.addAll(F2);
        all.addAll(F3);
        return all;
    }
}
