package io.tolk.poweroffice;

/** How a field's string value travels as JSON. */
enum FieldKind {
    /** A JSON string. */
    TEXT,
    /** {@code true}/{@code false}. */
    BOOLEAN,
    /** A whole number (int64). */
    INTEGER,
    /** A comma-separated list of whole numbers, sent as a JSON array. */
    INTEGER_LIST
}
