package io.tolk.sim.poweroffice;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * PowerOffice DateTimeOffset values on the wire: ISO-8601 with exactly 7 fractional digits and a numeric offset,
 * always UTC here, e.g. {@code 2025-01-10T09:15:00.1234567+00:00} (an assumption: the spec leaves the exact
 * serialisation open; this is .NET's round-trip "o" format). Stored instants are truncated to 100 ns ticks.
 */
final class Timestamps {
  private Timestamps() {
  }

  static final DateTimeFormatter WIRE = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 7, 7, true)
      .appendOffset("+HH:MM", "+00:00")
      .toFormatter();

  private static final DateTimeFormatter LENIENT_INPUT = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd")
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm")
      .optionalStart().appendPattern(":ss").optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  /** To 100 ns ticks, like .NET. */
  static Instant tick(Instant i) {
    return i.minusNanos(i.getNano() % 100);
  }

  static String format(Instant i) {
    return WIRE.format(OffsetDateTime.ofInstant(i, ZoneOffset.UTC));
  }

  /** Parses a query or body value: ISO with 'T' or a space, optional fraction, optional offset (none = UTC). */
  static Instant parse(String s) {
    String v = s.trim();
    try {
      var parsed = LENIENT_INPUT.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime odt) {
        return odt.toInstant();
      }
      return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a valid DateTimeOffset");
    }
  }
}
