package io.tolk.engine.mapping;

/**
 * The canonical (hub) types every system's record types map to, with the property rule 3 matches them on before
 * anything is created.
 */
public enum CanonicalType {
    /** A company or a department: matched on its normalised name. */
    ORGANIZATION("organization", "organization.name"),
    /** A private person: matched on e-mail. */
    PERSON("person", "person.email");

    private final String key;
    private final String matchProperty;

    CanonicalType(String key, String matchProperty) {
        this.key = key;
        this.matchProperty = matchProperty;
    }

    /** The prefix of this type's canonical properties: {@code "organization"} or {@code "person"}. */
    public String key() {
        return key;
    }

    /** The property records of this type are matched on (rule 3). */
    public String matchProperty() {
        return matchProperty;
    }

    /** The canonical type a property such as {@code "person.email"} belongs to, or {@code null} if none. */
    public static CanonicalType ofProperty(String property) {
        for (CanonicalType type : values()) {
            if (property != null && property.startsWith(type.key + ".") && property.length() > type.key.length() + 1) {
                return type;
            }
        }
        return null;
    }

    /**
     * The type with this key.
     *
     * @throws IllegalArgumentException naming the known keys
     */
    public static CanonicalType of(String key) {
        for (CanonicalType type : values()) {
            if (type.key.equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no canonical type '" + key + "'; known: organization, person");
    }
}
