package io.tolk.poweroffice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record types the connector serves and what it knows of each: the collection path, how an id maps to a URL,
 * which field carries the idempotency key, and the writable fields with PowerOffice's documented limits
 * (OpenAPI Post DTOs: address lines 200, City 100, ZipCode 50, ExternalImportReference/ExternalCode 50; required Name
 * for companies and departments, FirstName/LastName for persons and contact persons).
 */
enum PoType {
    /** A customer with {@code IsPerson=false}. */
    COMPANY_CUSTOMER("CompanyCustomer", "Customers", "ExternalImportReference", "externalImportReference", Boolean.FALSE),
    /** A customer with {@code IsPerson=true}. */
    PERSON_CUSTOMER("PersonCustomer", "Customers", "ExternalImportReference", "externalImportReference", Boolean.TRUE),
    /** A department (no idempotency field: a lost create is found by Name among departments created since). */
    DEPARTMENT("Department", "Departments", null, null, null),
    /** A contact person of a company customer; its id is {@code ContactId:Id}. */
    CONTACT_PERSON("ContactPerson", "ContactPersons", "ExternalCode", "externalCodes", null);

    final String typeName;
    final String collection;
    /** The DTO property holding the create's idempotency key, or null. */
    final String keyField;
    /** The list filter that finds a record by that property, or null. */
    final String keyFilter;
    /** For customers, the IsPerson value of this type; null for the others. */
    final Boolean isPerson;
    private final Map<String, PoField> fields;

    PoType(String typeName, String collection, String keyField, String keyFilter, Boolean isPerson) {
        this.typeName = typeName;
        this.collection = collection;
        this.keyField = keyField;
        this.keyFilter = keyFilter;
        this.isPerson = isPerson;
        this.fields = index(fieldsOf(typeName));
    }

    private static List<PoField> fieldsOf(String typeName) {
        return switch (typeName) {
            case "CompanyCustomer", "PersonCustomer" -> {
                boolean person = typeName.equals("PersonCustomer");
                List<PoField> list = new java.util.ArrayList<>(List.of(
                        person ? PoField.text("Name", 0) : PoField.required("Name"),
                        person ? PoField.required("FirstName") : PoField.text("FirstName", 0),
                        person ? PoField.required("LastName") : PoField.text("LastName", 0),
                        PoField.text("LegalName", 0),
                        PoField.text("OrganizationNumber", 0),
                        PoField.email("EmailAddress"),
                        PoField.phone("PhoneNumber"),
                        PoField.text("WebsiteUrl", 0),
                        PoField.bool("IsArchived"),
                        PoField.integer("Number"),
                        PoField.integer("ExternalNumber"),
                        PoField.integer("DepartmentId"),
                        PoField.integerList("ContactGroupIds"),
                        PoField.text("CurrencyCode", 3),
                        PoField.text("MailAddress.ExternalCode", 50)));
                list.addAll(address());
                yield list;
            }
            case "Department" -> List.of(
                    PoField.required("Name"),
                    PoField.text("Code", 0),
                    PoField.bool("IsActive"));
            case "ContactPerson" -> {
                List<PoField> list = new java.util.ArrayList<>(List.of(
                        PoField.integer("ContactId").asCreateOnly().asMandatory(),
                        PoField.required("FirstName"),
                        PoField.required("LastName"),
                        PoField.email("EmailAddress"),
                        PoField.phone("PhoneNumber"),
                        PoField.text("Title", 0),
                        PoField.bool("IsActive"),
                        PoField.bool("IsDefault")));
                list.addAll(address());
                yield list;
            }
            default -> throw new IllegalStateException(typeName);
        };
    }

    /** The address fields (a method, not a constant: enum constructors run before static fields are set). */
    private static List<PoField> address() {
        return List.of(
                PoField.text("MailAddress.AddressLine1", 200),
                PoField.text("MailAddress.AddressLine2", 200),
                PoField.text("MailAddress.City", 100),
                PoField.text("MailAddress.ZipCode", 50),
                PoField.text("MailAddress.CountryCode", 2));
    }

    private static Map<String, PoField> index(List<PoField> list) {
        Map<String, PoField> map = new LinkedHashMap<>();
        list.forEach(f -> map.put(f.path(), f));
        return Map.copyOf(map);
    }

    /** The writable fields by path. */
    Map<String, PoField> fields() {
        return fields;
    }

    Optional<PoField> field(String path) {
        return Optional.ofNullable(fields.get(path));
    }

    boolean isCustomer() {
        return isPerson != null;
    }

    /** Whether a record's id names two path segments ({@code ContactId:Id}). */
    boolean hasCompositeId() {
        return this == CONTACT_PERSON;
    }

    static Optional<PoType> byName(String name) {
        for (PoType t : values()) {
            if (t.typeName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
