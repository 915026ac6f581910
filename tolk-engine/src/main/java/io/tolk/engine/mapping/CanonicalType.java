package io.tolk.engine.mapping;

/** The canonical (hub) types every system's record types map to. */
public enum CanonicalType {
    ORGANIZATION("organization"),
    PERSON("person");

    private final String key;

    CanonicalType(String key) {
        this.key = key;
    }

    /** The prefix of this type's canonical properties: {@code "organization"} or {@code "person"}. */
    public String key() {
        return key;
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
}
