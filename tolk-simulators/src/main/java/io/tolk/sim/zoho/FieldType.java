package io.tolk.sim.zoho;

/** The Zoho field data types the simulator serves, named as in Zoho's field metadata ({@code data_type}). */
public enum FieldType {
  TEXT("text", "string"),
  TEXTAREA("textarea", "string"),
  EMAIL("email", "string"),
  PHONE("phone", "string"),
  WEBSITE("website", "string"),
  LOOKUP("lookup", "jsonobject"),
  OWNERLOOKUP("ownerlookup", "jsonobject"),
  DATETIME("datetime", "datetime"),
  BIGINT("bigint", "bigint");

  private final String dataType;
  private final String jsonType;

  FieldType(String dataType, String jsonType) {
    this.dataType = dataType;
    this.jsonType = jsonType;
  }

  /** The {@code data_type} value in field metadata. */
  public String dataType() { return dataType; }

  /** The {@code json_type} value in field metadata. */
  public String jsonType() { return jsonType; }

  /** True for types whose value is a plain string in the JSON body. */
  public boolean isTextual() {
    return this == TEXT || this == TEXTAREA || this == EMAIL || this == PHONE || this == WEBSITE;
  }
}
