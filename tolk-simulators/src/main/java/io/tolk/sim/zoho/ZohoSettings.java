package io.tolk.sim.zoho;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Zoho-specific simulator configuration. Defaults resemble a Standard-edition org in Norway.
 *
 * @param tokenLifetime        access-token lifetime ({@code expires_in}), default 1 h
 * @param creditsPerDay        API credits per rolling 24 h on the sim clock, default 50 000 (Standard edition)
 * @param concurrencyLimit     simultaneous in-flight API calls before 429, default 10 (Standard edition)
 * @param timeZone             the API user's time zone: all datetimes are rendered in it (default Europe/Oslo)
 * @param customFields         extra fields per module (default: unique text {@code PowerOffice_Id}, length 50, on both)
 * @param contactLengths       length overrides for Contacts fields by API name (defaults: Zoho's Leads values)
 * @param unknownFields        what writes do with keys that are not fields
 */
public record ZohoSettings(Duration tokenLifetime, long creditsPerDay, int concurrencyLimit, ZoneId timeZone,
                           Map<ZohoModule, List<FieldDef>> customFields, Map<String, Integer> contactLengths,
                           UnknownFieldPolicy unknownFields) {

  public ZohoSettings {
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(timeZone, "timeZone");
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) throw new IllegalArgumentException("tokenLifetime must be positive");
    if (creditsPerDay < 1) throw new IllegalArgumentException("creditsPerDay must be >= 1");
    if (concurrencyLimit < 1) throw new IllegalArgumentException("concurrencyLimit must be >= 1");
    EnumMap<ZohoModule, List<FieldDef>> copy = new EnumMap<>(ZohoModule.class);
    if (customFields != null) customFields.forEach((m, l) -> copy.put(m, List.copyOf(l)));
    customFields = Map.copyOf(copy);
    contactLengths = contactLengths == null ? Map.of() : Map.copyOf(contactLengths);
    if (unknownFields == null) unknownFields = UnknownFieldPolicy.REJECT;
  }

  public static ZohoSettings defaults() {
    return new ZohoSettings(Duration.ofSeconds(3600), ZohoEdition.STANDARD.creditsPerDay(),
        ZohoEdition.STANDARD.concurrency(), ZoneId.of("Europe/Oslo"),
        Map.of(ZohoModule.ACCOUNTS, List.of(FieldDef.customUniqueText("PowerOffice_Id", 50)),
               ZohoModule.CONTACTS, List.of(FieldDef.customUniqueText("PowerOffice_Id", 50))),
        Map.of(), UnknownFieldPolicy.REJECT);
  }

  public ZohoSettings withTokenLifetime(Duration d) {
    return new ZohoSettings(d, creditsPerDay, concurrencyLimit, timeZone, customFields, contactLengths, unknownFields);
  }

  public ZohoSettings withCreditsPerDay(long c) {
    return new ZohoSettings(tokenLifetime, c, concurrencyLimit, timeZone, customFields, contactLengths, unknownFields);
  }

  /** The credits and concurrency of an edition (§2.9). */
  public ZohoSettings withEdition(ZohoEdition e) {
    return withCreditsPerDay(e.creditsPerDay()).withConcurrencyLimit(e.concurrency());
  }

  public ZohoSettings withConcurrencyLimit(int c) {
    return new ZohoSettings(tokenLifetime, creditsPerDay, c, timeZone, customFields, contactLengths, unknownFields);
  }

  public ZohoSettings withTimeZone(ZoneId z) {
    return new ZohoSettings(tokenLifetime, creditsPerDay, concurrencyLimit, z, customFields, contactLengths, unknownFields);
  }

  public ZohoSettings withCustomFields(Map<ZohoModule, List<FieldDef>> f) {
    return new ZohoSettings(tokenLifetime, creditsPerDay, concurrencyLimit, timeZone, f, contactLengths, unknownFields);
  }

  public ZohoSettings withContactLengths(Map<String, Integer> l) {
    return new ZohoSettings(tokenLifetime, creditsPerDay, concurrencyLimit, timeZone, customFields, l, unknownFields);
  }

  public ZohoSettings withUnknownFields(UnknownFieldPolicy p) {
    return new ZohoSettings(tokenLifetime, creditsPerDay, concurrencyLimit, timeZone, customFields, contactLengths, p);
  }
}
