package io.tolk.sim.zoho;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Zoho CRM editions and the API limits each gives an org (spec/zoho-crm.md §2.9): credits per rolling 24 hours
 * (the base amount, without the per-user additions, since the simulator has one user) and simultaneous calls.
 */
public enum ZohoEdition {
  FREE(5_000, 5),
  STANDARD(50_000, 10),
  PROFESSIONAL(50_000, 15),
  ENTERPRISE(50_000, 20),
  ULTIMATE(50_000, 25);

  private final long creditsPerDay;
  private final int concurrency;

  ZohoEdition(long creditsPerDay, int concurrency) {
    this.creditsPerDay = creditsPerDay;
    this.concurrency = concurrency;
  }

  public long creditsPerDay() {
    return creditsPerDay;
  }

  public int concurrency() {
    return concurrency;
  }

  /** The lowercase name users type, e.g. "standard". */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "free|standard|professional|enterprise|ultimate" (any case); the message lists the choices. */
  public static ZohoEdition parse(String word) {
    for (ZohoEdition e : values()) {
      if (word != null && e.name().equalsIgnoreCase(word.trim())) return e;
    }
    throw new IllegalArgumentException("unknown Zoho edition '" + word + "' (choose "
        + Arrays.stream(values()).map(ZohoEdition::word).collect(Collectors.joining(", ")) + ")");
  }
}
