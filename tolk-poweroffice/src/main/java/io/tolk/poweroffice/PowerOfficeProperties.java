package io.tolk.poweroffice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every property PowerOffice Go v2 returns for the record types this connector serves, as paths ({@code Name},
 * {@code MailAddress.City}): what a flow's filter may test and an added pair may bind. A name not listed here is a
 * mistake in tolk.yaml, reported with its key and line before any call; otherwise PowerOffice would refuse the read
 * with a 400. The lists are PowerOffice's read DTOs ({@code CustomerDto}, {@code DepartmentDto},
 * {@code ContactPersonDto}, the address DTOs for {@code MailAddress}); a contract test keeps them equal to the
 * vendor's OpenAPI document.
 */
public final class PowerOfficeProperties {

    private static final List<String> ADDRESS = List.of("AddressLine1", "AddressLine2", "City", "CountryCode", "ZipCode");

    /** By PowerOffice resource (the list a record type is read from). */
    private static final Map<String, Set<String>> BY_RESOURCE = Map.of(
            "Customers", paths(List.of("Allowance", "BillableRate", "ContactCreatedDateTimeOffset", "ContactGroupIds",
                    "CreatedFromImportJournalId", "CurrencyCode", "CustomerCreatedDateTimeOffset", "CustomerSince",
                    "DateOfBirth", "DeliveryTerm", "DeliveryTermId", "DepartmentCode", "DepartmentId",
                    "DoNotAddLatePaymentFees", "DoNotAddLatePaymentInterest", "DoNotAutomatePaymentNotifications",
                    "EmailAddress", "ExternalImportReference", "ExternalNumber", "FirstName", "Id",
                    "InvoiceBrandingThemeCode", "InvoiceBrandingThemeId", "InvoiceDeliveryType", "InvoiceEmailAddress",
                    "InvoiceEmailAddressCC", "IsActive", "IsArchived", "IsPerson", "IsVatFree", "LastChangedDateTimeOffset",
                    "LastName", "LegalName", "Name", "NationalIdNumber", "NoticeOfDebtCollectionDeliveryType", "Number",
                    "OrganizationNumber", "PaymentReminderEmailAddress", "PaymentTerm", "PaymentTermId", "PhoneNumber",
                    "ReminderDeliveryType", "SalesPersonEmployeeId", "SalesPersonEmployeeNumber", "SendPaymentReminders",
                    "SubledgerAccountId", "TransferToDebtCollectionAgency", "UseInvoiceFee", "WebsiteUrl"),
                    List.of("ExternalCode", "Id", "LastChangedDateTimeOffset")),
            "Departments", paths(List.of("Code", "CreatedDateTimeOffset", "CreatedFromImportJournalId", "Id", "IsActive",
                    "LastChangedDateTimeOffset", "ManagerEmployeeId", "ManagerEmployeeNo", "Name"), null),
            "ContactPersons", paths(List.of("ContactId", "CreatedDateTimeOffset", "EmailAddress", "ExternalCode",
                    "FirstName", "Id", "IsActive", "IsDefault", "LastChangedDateTimeOffset", "LastName", "PhoneNumber",
                    "Title"), List.of()));

    private PowerOfficeProperties() {
    }

    /** The property paths of a record type of this connector ({@code CompanyCustomer}, ...); empty for another. */
    public static Set<String> ofType(String type) {
        return PoType.byName(type).map(t -> BY_RESOURCE.get(t.collection)).orElse(Set.of());
    }

    /** The property paths of a PowerOffice resource ({@code Customers}, {@code Departments}, {@code ContactPersons}). */
    public static Optional<Set<String>> ofResource(String resource) {
        return Optional.ofNullable(BY_RESOURCE.get(resource));
    }

    /** The resources listed. */
    public static Set<String> resources() {
        return new TreeSet<>(BY_RESOURCE.keySet());
    }

    /**
     * The top-level properties, and {@code MailAddress.*} for the address DTO's ones plus {@code extraAddress}
     * ({@code null}: the resource has no MailAddress).
     */
    private static Set<String> paths(List<String> topLevel, List<String> extraAddress) {
        Set<String> out = new TreeSet<>(topLevel);
        if (extraAddress != null) {
            ADDRESS.forEach(p -> out.add("MailAddress." + p));
            extraAddress.forEach(p -> out.add("MailAddress." + p));
        }
        return java.util.Collections.unmodifiableSet(out);
    }
}
