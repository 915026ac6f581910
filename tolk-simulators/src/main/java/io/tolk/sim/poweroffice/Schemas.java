package io.tolk.sim.poweroffice;

import static io.tolk.sim.poweroffice.Field.of;
import static io.tolk.sim.poweroffice.FieldType.BOOL;
import static io.tolk.sim.poweroffice.FieldType.DATE;
import static io.tolk.sim.poweroffice.FieldType.DATETIME;
import static io.tolk.sim.poweroffice.FieldType.DOUBLE;
import static io.tolk.sim.poweroffice.FieldType.ENUM;
import static io.tolk.sim.poweroffice.FieldType.INT32;
import static io.tolk.sim.poweroffice.FieldType.INT64;
import static io.tolk.sim.poweroffice.FieldType.INT64_ARRAY;
import static io.tolk.sim.poweroffice.FieldType.OBJECT;
import static io.tolk.sim.poweroffice.FieldType.STRING;
import static io.tolk.sim.poweroffice.FieldType.UUID;

import java.util.List;

/**
 * The three resources' DTOs as the official OpenAPI document describes them (CustomerDto, CustomerPostDto,
 * ContactAddressDto, DepartmentDto, ContactPersonDto, AddressDto ...), with the JSON Patch paths of the
 * PatchDtos listed in spec/poweroffice-go-v2.md (the PatchDto schemas are missing from the merged document).
 *
 * <p>ASSUMPTIONS (lengths where the document is silent): Name and LegalName 255, FirstName/LastName 100,
 * EmailAddress 255, PhoneNumber 50, WebsiteUrl 255, OrganizationNumber 20, InvoiceEmailAddress 255,
 * InvoiceEmailAddressCC 2000 (given in the document's text), contact person Title 100, department Code 50 and
 * Name 255. Documented ones: address lines 200, City 100, ZipCode 50, ExternalCode 50, ExternalImportReference 50.</p>
 */
final class Schemas {
  private Schemas() {
  }

  static final List<String> INVOICE_DELIVERY = List.of("PdfByEmail", "Print", "EHF", "AvtaleGiro", "External", "Efaktura",
      "Factoring");
  static final List<String> PDF_OR_PRINT = List.of("PdfByEmail", "Print");

  /** ContactAddressDto / ContactAddressPostDto (a customer's MailAddress). */
  static final Schema CONTACT_ADDRESS = new Schema("Address", "ContactAddressPostDto", "ContactAddressPatchDto", List.of(
      of("Id", INT64).ro(),
      of("AddressLine1", STRING).max(200).patch(),
      of("AddressLine2", STRING).max(200).patch(),
      of("City", STRING).max(100).patch(),
      of("ZipCode", STRING).max(50).patch(),
      of("CountryCode", STRING).patch(),
      of("ExternalCode", STRING).max(50).patch(),
      of("LastChangedDateTimeOffset", DATETIME).ro()));

  /** AddressDto / AddressPostDto (a contact person's MailAddress): no Id, no timestamp, no ExternalCode. */
  static final Schema ADDRESS = new Schema("Address", "AddressPostDto", "AddressPatchDto", List.of(
      of("AddressLine1", STRING).max(200).patch(),
      of("AddressLine2", STRING).max(200).patch(),
      of("City", STRING).max(100).patch(),
      of("ZipCode", STRING).max(50).patch(),
      of("CountryCode", STRING).patch()));

  static final Schema CUSTOMER = new Schema("Customer", "CustomerPostDto", "CustomerPatchDto", List.of(
      of("Id", INT64).ro(),
      of("Number", INT64).patch(),
      of("Name", STRING).max(255).patch(),
      of("FirstName", STRING).max(100).patch(),
      of("LastName", STRING).max(100).patch(),
      of("IsPerson", BOOL).patch(),
      of("LegalName", STRING).max(255).patch(),
      of("OrganizationNumber", STRING).max(20).patch(),
      of("EmailAddress", STRING).max(255).patch(),
      of("PhoneNumber", STRING).max(50).patch(),
      of("WebsiteUrl", STRING).max(255).patch(),
      of("MailAddress", OBJECT).nested(CONTACT_ADDRESS).patch(),
      of("IsActive", BOOL).ro(),
      of("IsArchived", BOOL).patch(),
      of("ExternalNumber", INT64).patch(),
      of("ExternalImportReference", STRING).max(50).patch(),
      of("DepartmentId", INT64).patch(),
      of("DepartmentCode", STRING).ro().post(),
      of("ContactGroupIds", INT64_ARRAY).patch(),
      of("CurrencyCode", STRING).patch(),
      of("ContactCreatedDateTimeOffset", DATETIME).ro(),
      of("CustomerCreatedDateTimeOffset", DATETIME).ro(),
      of("LastChangedDateTimeOffset", DATETIME).ro(),
      of("SubledgerAccountId", INT64).ro(),
      of("CreatedFromImportJournalId", UUID).ro(),
      of("Allowance", DOUBLE),
      of("BillableRate", DOUBLE),
      of("CustomerSince", DATE),
      of("DateOfBirth", DATE),
      of("DeliveryTerm", STRING).ro().post(),
      of("DeliveryTermId", INT64),
      of("DoNotAddLatePaymentFees", BOOL),
      of("DoNotAddLatePaymentInterest", BOOL),
      of("DoNotAutomatePaymentNotifications", BOOL),
      of("InvoiceBrandingThemeCode", STRING).ro().post(),
      of("InvoiceBrandingThemeId", INT64),
      of("InvoiceDeliveryType", ENUM).oneOf(INVOICE_DELIVERY),
      of("InvoiceEmailAddress", STRING).max(255),
      of("InvoiceEmailAddressCC", STRING).max(2000),
      of("IsVatFree", BOOL),
      of("NationalIdNumber", STRING),
      of("NoticeOfDebtCollectionDeliveryType", ENUM).oneOf(PDF_OR_PRINT),
      of("PaymentReminderEmailAddress", STRING).max(255),
      of("PaymentTerm", INT32).ro().post(),
      of("PaymentTermId", INT64),
      of("ReminderDeliveryType", ENUM).oneOf(PDF_OR_PRINT),
      of("SalesPersonEmployeeId", INT64),
      of("SalesPersonEmployeeNumber", INT64).ro().post(),
      of("SendPaymentReminders", BOOL),
      of("TransferToDebtCollectionAgency", BOOL),
      of("UseInvoiceFee", BOOL)));

  /** CustomerPostDto-only property (not in CustomerDto). */
  static final Field SUBLEDGER_SERIES = of("SubLedgerNumberSeriesId", UUID);

  static final Schema DEPARTMENT = new Schema("Department", "DepartmentPostDto", "DepartmentPatchDto", List.of(
      of("Id", INT64).ro(),
      of("Code", STRING).max(50).patch(),
      of("Name", STRING).max(255).patch(),
      of("IsActive", BOOL).patch(),
      of("ManagerEmployeeId", INT64).ro().post().patch(),
      of("ManagerEmployeeNo", INT64).ro().post(),
      of("CreatedDateTimeOffset", DATETIME).ro(),
      of("LastChangedDateTimeOffset", DATETIME).ro(),
      of("CreatedFromImportJournalId", UUID).ro()));

  static final Schema CONTACT_PERSON = new Schema("ContactPerson", "ContactPersonPostDto", "ContactPersonPatchDto", List.of(
      of("Id", INT64).ro(),
      of("ContactId", INT64).ro(),
      of("FirstName", STRING).max(100).patch(),
      of("LastName", STRING).max(100).patch(),
      of("EmailAddress", STRING).max(255).patch(),
      of("PhoneNumber", STRING).max(50).patch(),
      of("Title", STRING).max(100).patch(),
      of("IsActive", BOOL).patch(),
      of("IsDefault", BOOL).patch(),
      of("ExternalCode", STRING).max(50).patch(),
      of("MailAddress", OBJECT).nested(ADDRESS).patch(),
      of("CreatedDateTimeOffset", DATETIME).ro(),
      of("LastChangedDateTimeOffset", DATETIME).ro()));
}
