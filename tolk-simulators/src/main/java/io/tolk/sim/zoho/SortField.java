package io.tolk.sim.zoho;

import java.util.Optional;

/** The values Get Records accepts for {@code sort_by}. */
public enum SortField {
  ID("id"), CREATED_TIME("Created_Time"), MODIFIED_TIME("Modified_Time");

  private final String param;

  SortField(String param) { this.param = param; }

  public String param() { return param; }

  public static Optional<SortField> parse(String value) {
    for (SortField s : values()) if (s.param.equals(value)) return Optional.of(s);
    return Optional.empty();
  }

  /** The key a record sorts by under this field (ties broken by id). */
  public SortKey keyOf(StoredRecord r) {
    return switch (this) {
      case ID -> new SortKey(0, r.id());
      case CREATED_TIME -> new SortKey(r.createdTime().getEpochSecond(), r.id());
      case MODIFIED_TIME -> new SortKey(r.modifiedTime().getEpochSecond(), r.id());
    };
  }
}
