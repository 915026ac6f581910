package io.tolk.engine.mapping;

/** How a canonical property's value is compared and converted (see {@code io.tolk.engine.values.Values}). */
public enum ValueKind {
    /** Trimmed text, compared exactly. */
    TEXT,
    /** Trimmed, compared case-insensitively. */
    EMAIL,
    /** Trimmed text. */
    PHONE,
    /** Trimmed text. */
    URL,
    /** ISO 3166-1 alpha-2 code; names (English, Norwegian) are converted to codes. */
    COUNTRY
}
