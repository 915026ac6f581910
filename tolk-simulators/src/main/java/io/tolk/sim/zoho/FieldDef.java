package io.tolk.sim.zoho;

import java.util.Objects;

/**
 * One field of a module: the single source of truth for both the validator and
 * {@code GET /crm/v8/settings/fields}.
 *
 * @param apiName        the API name, e.g. "Account_Name"
 * @param label          the display label
 * @param type           the data type
 * @param length         maximum length for textual fields (0 when not applicable)
 * @param systemMandatory whether Zoho itself requires the field on create
 * @param unique         "Do not allow duplicate values": inserts/updates with an existing value fail with DUPLICATE_DATA
 * @param readOnly       system-maintained; values sent by clients are ignored
 * @param custom         a custom (user-defined) field
 * @param lookupModule   the module a lookup points at (null otherwise)
 */
public record FieldDef(String apiName, String label, FieldType type, int length, boolean systemMandatory,
                       boolean unique, boolean readOnly, boolean custom, ZohoModule lookupModule) {
  public FieldDef {
    Objects.requireNonNull(apiName, "apiName");
    Objects.requireNonNull(type, "type");
    if (label == null) label = apiName.replace('_', ' ');
    if (length < 0) throw new IllegalArgumentException("length of field " + apiName + " must be >= 0");
  }

  public static FieldDef text(String apiName, int length) {
    return new FieldDef(apiName, null, FieldType.TEXT, length, false, false, false, false, null);
  }

  public static FieldDef of(String apiName, FieldType type, int length) {
    return new FieldDef(apiName, null, type, length, false, false, false, false, null);
  }

  /** A custom unique text field, e.g. {@code PowerOffice_Id}, usable as upsert duplicate-check field. */
  public static FieldDef customUniqueText(String apiName, int length) {
    return new FieldDef(apiName, null, FieldType.TEXT, length, false, true, false, true, null);
  }

  public FieldDef mandatory() {
    return new FieldDef(apiName, label, type, length, true, unique, readOnly, custom, lookupModule);
  }

  public FieldDef asReadOnly() {
    return new FieldDef(apiName, label, type, length, systemMandatory, unique, true, custom, lookupModule);
  }

  public FieldDef withLength(int newLength) {
    return new FieldDef(apiName, label, type, newLength, systemMandatory, unique, readOnly, custom, lookupModule);
  }

  public static FieldDef lookup(String apiName, ZohoModule target) {
    return new FieldDef(apiName, null, FieldType.LOOKUP, 0, false, false, false, false, target);
  }
}
