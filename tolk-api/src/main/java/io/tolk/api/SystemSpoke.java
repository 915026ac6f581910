package io.tolk.api;

import java.util.List;
import java.util.Objects;

/**
 * What a connector brings to tolk's mapping, as data: the hub's spokes for one system. Each record type it maps is
 * bound to a canonical type ({@code organization}, {@code person}), and each of its fields to a canonical property
 * ({@code organization.address.city}). The engine composes the spokes of two systems into flows; a third system is a
 * new connector and its spoke. Nothing here is read from the system: it is what the connector knows of its own API.
 *
 * @param system      the connector's {@link Connector#system()} name
 * @param displayName the system's name for people ({@code PowerOffice}, {@code Zoho})
 * @param types       the record types it maps, in the order people expect them
 */
public record SystemSpoke(String system, String displayName, List<TypeSpoke> types) {

    public SystemSpoke {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(displayName, "displayName");
        types = List.copyOf(types);
    }

    /** The spoke of one record type, or {@code null}. */
    public TypeSpoke type(String name) {
        for (TypeSpoke t : types) {
            if (t.type().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * One record type bound to a canonical type.
     *
     * @param type          the connector's record type ({@link Connector#types()})
     * @param displayName   a person's word for one record, e.g. {@code company customer}, {@code Account}
     * @param resource      the name of the system's list or module the type lives in, e.g. {@code Customers}; for
     *                      documents ("PowerOffice {@code Customers} property")
     * @param canonicalType the canonical type's key: {@code organization} or {@code person}
     * @param fields        the bound fields; where several are bound to one property, the first is its primary field
     *                      (it wins fan-in on first sight and when both changed; the others mirror it)
     */
    public record TypeSpoke(String type, String displayName, String resource, String canonicalType,
                            List<FieldSpoke> fields) {
        public TypeSpoke {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(canonicalType, "canonicalType");
            fields = List.copyOf(fields);
        }

        /** A type from property/field pairs: {@code "organization.name", "Name", ...}. */
        public static TypeSpoke of(String type, String displayName, String resource, String canonicalType,
                                   String... propertyFieldPairs) {
            if (propertyFieldPairs.length % 2 != 0) {
                throw new IllegalArgumentException("property/field pairs expected, got " + propertyFieldPairs.length + " strings");
            }
            List<FieldSpoke> fields = new java.util.ArrayList<>();
            for (int i = 0; i < propertyFieldPairs.length; i += 2) {
                fields.add(new FieldSpoke(propertyFieldPairs[i], propertyFieldPairs[i + 1]));
            }
            return new TypeSpoke(type, displayName, resource, canonicalType, fields);
        }
    }

    /**
     * A field bound to a canonical property.
     *
     * @param property the canonical property, e.g. {@code organization.address.city}
     * @param field    the field path, e.g. {@code MailAddress.City} or {@code Billing_City}
     */
    public record FieldSpoke(String property, String field) {
        public FieldSpoke {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(field, "field");
        }
    }
}
