package io.tolk.poweroffice;

/**
 * One field of a PowerOffice record type as the connector knows it.
 *
 * @param path      the field path ({@code Name}, {@code MailAddress.City})
 * @param kind      how its value is typed in JSON
 * @param maxLength the most characters PowerOffice accepts, {@code 0} when not documented
 * @param mandatory whether a create without it is refused
 * @param dataType  the data type name for {@link io.tolk.api.FieldRule} (text, email, phone, boolean, integer)
 * @param createOnly whether it may be sent on create but not patched
 */
record PoField(String path, FieldKind kind, int maxLength, boolean mandatory, String dataType, boolean createOnly) {

    static PoField text(String path, int maxLength) {
        return new PoField(path, FieldKind.TEXT, maxLength, false, "text", false);
    }

    static PoField required(String path) {
        return new PoField(path, FieldKind.TEXT, 0, true, "text", false);
    }

    static PoField email(String path) {
        return new PoField(path, FieldKind.TEXT, 0, false, "email", false);
    }

    static PoField phone(String path) {
        return new PoField(path, FieldKind.TEXT, 0, false, "phone", false);
    }

    static PoField bool(String path) {
        return new PoField(path, FieldKind.BOOLEAN, 0, false, "boolean", false);
    }

    static PoField integer(String path) {
        return new PoField(path, FieldKind.INTEGER, 0, false, "integer", false);
    }

    static PoField integerList(String path) {
        return new PoField(path, FieldKind.INTEGER_LIST, 0, false, "integer list", false);
    }

    PoField asCreateOnly() {
        return new PoField(path, kind, maxLength, mandatory, dataType, true);
    }

    PoField asMandatory() {
        return new PoField(path, kind, maxLength, true, dataType, createOnly);
    }

    /** The top-level JSON property the path starts with. */
    String topLevel() {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}
