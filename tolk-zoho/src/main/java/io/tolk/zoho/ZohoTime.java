package io.tolk.zoho;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Zoho's datetimes: ISO-8601 with an offset and whole seconds ({@code 2025-01-10T10:00:00+01:00}), in the API user's
 * time zone. Parsed into instants, so records from users in different zones compare correctly.
 */
final class ZohoTime {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private ZohoTime() {
    }

    /** The instant of a Zoho datetime; {@code null} for null or blank. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a Zoho datetime: '" + text + "'", e);
        }
    }

    /** A Zoho datetime in UTC with an explicit offset, truncated to whole seconds: {@code 2025-01-10T09:00:00+00:00}. */
    static String format(Instant instant) {
        return OUT.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
