package io.tolk.sim.zoho;

import java.time.Instant;
import java.util.Map;

/**
 * One stored record, immutable: a write replaces it. {@code values} holds set fields only (no nulls): text values as
 * given, lookups as the target record's id. Times are whole seconds.
 */
public record StoredRecord(long id, ZohoModule module, Map<String, String> values, Instant createdTime, Instant modifiedTime) {
  public StoredRecord {
    values = Map.copyOf(values);
  }

  public String value(String field) {
    return values.get(field);
  }

  public StoredRecord withValues(Map<String, String> newValues, Instant modified) {
    return new StoredRecord(id, module, newValues, createdTime, modified);
  }

  /** What Zoho shows as the record's name: Account_Name, or a Contact's Full_Name. */
  public String displayName() {
    if (module == ZohoModule.ACCOUNTS) return values.get("Account_Name");
    return fullName();
  }

  public String fullName() {
    String first = values.get("First_Name");
    String last = values.get("Last_Name");
    if (first == null || first.isBlank()) return last;
    if (last == null) return first;
    return first + " " + last;
  }
}
