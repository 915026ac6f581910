package io.tolk.zoho;

import io.tolk.api.SystemSpoke;
import io.tolk.api.SystemSpoke.TypeSpoke;

import java.util.List;

/**
 * What Zoho CRM brings to tolk's mapping (dataflow.md, "a hub, not pairs"): Accounts are organisations and Contacts
 * persons. Where a property has two fields, the first is the primary one (Billing_*, Email, Phone, Mailing_*); the
 * other mirrors it.
 */
public final class ZohoSpoke {

    /** The spoke: system {@code zoho}, shown as "Zoho". */
    public static final SystemSpoke SPOKE = new SystemSpoke("zoho", "Zoho", List.of(
            TypeSpoke.of("Accounts", "Account", "Accounts", "organization",
                    "organization.name", "Account_Name",
                    "organization.phone", "Phone",
                    "organization.website", "Website",
                    "organization.address.city", "Billing_City",
                    "organization.address.city", "Shipping_City",
                    "organization.address.postalCode", "Billing_Code",
                    "organization.address.postalCode", "Shipping_Code",
                    "organization.address.country", "Billing_Country",
                    "organization.address.country", "Shipping_Country"),
            TypeSpoke.of("Contacts", "Contact", "Contacts", "person",
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
                    "person.address.country", "Other_Country")));

    private ZohoSpoke() {
    }
}
