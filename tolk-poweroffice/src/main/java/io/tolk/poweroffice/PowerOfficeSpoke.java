package io.tolk.poweroffice;

import io.tolk.api.SystemSpoke;
import io.tolk.api.SystemSpoke.TypeSpoke;

import java.util.List;

/**
 * What PowerOffice Go brings to tolk's mapping (dataflow.md, "a hub, not pairs"): its company customers and
 * departments are organisations, its person customers persons, field by field. Contact persons are served by the
 * connector but not mapped yet.
 */
public final class PowerOfficeSpoke {

    /** The spoke: system {@code poweroffice}, shown as "PowerOffice". */
    public static final SystemSpoke SPOKE = new SystemSpoke(PowerOfficeConnector.SYSTEM, "PowerOffice", List.of(
            TypeSpoke.of("CompanyCustomer", "company customer", "Customers", "organization",
                    "organization.name", "Name",
                    "organization.phone", "PhoneNumber",
                    "organization.website", "WebsiteUrl",
                    "organization.address.city", "MailAddress.City",
                    "organization.address.postalCode", "MailAddress.ZipCode",
                    "organization.address.country", "MailAddress.CountryCode"),
            TypeSpoke.of("Department", "department", "Departments", "organization",
                    "organization.name", "Name"),
            TypeSpoke.of("PersonCustomer", "person customer", "Customers", "person",
                    "person.firstName", "FirstName",
                    "person.lastName", "LastName",
                    "person.email", "EmailAddress",
                    "person.phone", "PhoneNumber",
                    "person.address.city", "MailAddress.City",
                    "person.address.postalCode", "MailAddress.ZipCode",
                    "person.address.country", "MailAddress.CountryCode")));

    private PowerOfficeSpoke() {
    }
}
