package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one record of a write body against the {@link FieldCatalog} and turns it into field changes. It reports the
 * first problem as Zoho's per-record error item: unknown field (per {@link UnknownFieldPolicy}), wrong JSON type,
 * missing mandatory value (MANDATORY_NOT_FOUND), too long (INVALID_DATA with maximum_length), bad e-mail/URL format,
 * lookup to a record that does not exist. Uniqueness is the writer's job (it needs the batch context).
 */
public final class RecordValidator {
  private static final Pattern EMAIL = Pattern.compile(
      "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}$");
  private static final Pattern WEBSITE = Pattern.compile(
      "^(https?://)?([A-Za-z0-9\\p{L}]([A-Za-z0-9\\p{L}-]*[A-Za-z0-9\\p{L}])?\\.)+[A-Za-z\\p{L}]{2,}(:\\d{1,5})?([/?#]\\S*)?$");

  /** Why the record is being validated. */
  public enum Mode { CREATE, UPDATE }

  /** Either the changes to apply (a null value clears the field) or an error item. */
  public record Result(Map<String, String> changes, ObjectNode error) {
    public boolean ok() { return error == null; }
  }

  private final FieldCatalog catalog;
  private final RecordStore store;
  private final ZohoErrors errors;
  private final UnknownFieldPolicy unknownFields;

  public RecordValidator(FieldCatalog catalog, RecordStore store, ZohoErrors errors, UnknownFieldPolicy unknownFields) {
    this.catalog = catalog;
    this.store = store;
    this.errors = errors;
    this.unknownFields = unknownFields;
  }

  /**
   * @param json  the record object from {@code data[index]}
   * @param mode  CREATE requires the mandatory field; UPDATE checks only the keys sent
   */
  public Result validate(ZohoModule module, JsonNode json, int index, Mode mode) {
    if (json == null || !json.isObject()) {
      ObjectNode d = errors.details();
      d.put("expected_data_type", "jsonobject");
      d.put("api_name", "data");
      d.put("json_path", "$.data[" + index + "]");
      return new Result(null, errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d));
    }
    Map<String, String> changes = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = json.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (isIgnoredKey(key)) continue;
      FieldDef field = catalog.field(module, key);
      if (field == null) {
        if (unknownFields == UnknownFieldPolicy.IGNORE) continue;
        return fail("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, errors.fieldDetails(key, index));
      }
      if (field.readOnly()) continue;
      ObjectNode problem = checkValue(module, field, value, index, changes);
      if (problem != null) return new Result(null, problem);
    }
    String mandatory = module.mandatoryField();
    boolean sent = json.has(mandatory);
    String v = changes.get(mandatory);
    if ((mode == Mode.CREATE && (v == null || v.isBlank())) || (mode == Mode.UPDATE && sent && (v == null || v.isBlank()))) {
      return fail("MANDATORY_NOT_FOUND", ZohoErrors.MANDATORY_MESSAGE, errors.fieldDetails(mandatory, index));
    }
    return new Result(changes, null);
  }

  private static boolean isIgnoredKey(String key) {
    return key.equals("id") || key.startsWith("$") || key.equals("Tag") || key.equals("Record_Image");
  }

  private Result fail(String code, String message, ObjectNode details) {
    return new Result(null, errors.item(code, message, details));
  }

  private ObjectNode checkValue(ZohoModule module, FieldDef field, JsonNode value, int index, Map<String, String> changes) {
    String name = field.apiName();
    if (value == null || value.isNull()) {
      if (field.type() != FieldType.OWNERLOOKUP) changes.put(name, null);
      return null;
    }
    switch (field.type()) {
      case TEXT, TEXTAREA, EMAIL, PHONE, WEBSITE -> {
        if (!value.isTextual() && !value.isNumber()) return wrongType(field, index, "string");
        String s = value.asText();
        if (s.isEmpty()) {
          changes.put(name, null);
          return null;
        }
        if (field.length() > 0 && s.codePointCount(0, s.length()) > field.length()) {
          ObjectNode d = errors.fieldDetails(name, index);
          d.put("maximum_length", field.length());
          return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
        }
        if (field.type() == FieldType.EMAIL && !EMAIL.matcher(s).matches()) {
          return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, errors.fieldDetails(name, index));
        }
        if (field.type() == FieldType.WEBSITE && !WEBSITE.matcher(s.trim()).matches()) {
          return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, errors.fieldDetails(name, index));
        }
        changes.put(name, s);
        return null;
      }
      case LOOKUP -> {
        if (!value.isObject()) return wrongType(field, index, "jsonobject");
        JsonNode id = value.get("id");
        Long target = id == null || id.isNull() ? null : parseId(id.asText());
        if (target == null || store.get(field.lookupModule(), target) == null) {
          return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, errors.fieldDetails(name, index));
        }
        changes.put(name, Long.toString(target));
        return null;
      }
      case OWNERLOOKUP -> {
        if (!value.isObject()) return wrongType(field, index, "jsonobject");
        if (!ZohoUser.ADMIN.id().equals(value.path("id").asText())) {
          return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, errors.fieldDetails(name, index));
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private ObjectNode wrongType(FieldDef field, int index, String expected) {
    ObjectNode d = errors.details();
    d.put("expected_data_type", expected);
    d.put("api_name", field.apiName());
    d.put("json_path", "$.data[" + index + "]." + field.apiName());
    return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
  }

  /** A record id: digits only, fitting a long; null otherwise. */
  public static Long parseId(String s) {
    if (s == null || s.isEmpty() || s.length() > 19) return null;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
