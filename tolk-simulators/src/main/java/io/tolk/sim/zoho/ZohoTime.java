package io.tolk.sim.zoho;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Zoho's datetime format: {@code yyyy-MM-ddTHH:mm:ss±HH:mm}, whole seconds, in the org user's time zone. */
public final class ZohoTime {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  private final ZoneId zone;
  /** The last second formatted and its text: consecutive stamps in one second (a batch) format once. */
  private volatile Object[] last = {Long.MIN_VALUE, ""};

  public ZohoTime(ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  public String format(Instant instant) {
    long second = instant.getEpochSecond();
    Object[] l = last;
    if ((Long) l[0] == second) return (String) l[1];
    String text = FORMAT.format(Instant.ofEpochSecond(second).atZone(zone));
    last = new Object[] {second, text};
    return text;
  }

  /** Parses an ISO-8601 datetime with offset (or an RFC 1123 HTTP date); null if it is neither. */
  public static Instant parse(String text) {
    if (text == null) return null;
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
