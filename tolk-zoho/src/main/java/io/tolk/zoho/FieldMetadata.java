package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.api.http.ApiResponse;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The org's own field definitions, from {@code GET /crm/{v}/settings/fields?module=…}, read once per module and
 * cached for the connector's life: lengths, data types, mandatory and unique flags. Lookups are reported under
 * {@code Field.id}. Thread-safe.
 */
final class FieldMetadata {

    /** What the connector keeps of one field definition. */
    record Field(String apiName, String dataType, int length, boolean mandatory, boolean unique, boolean readOnly) {
    }

    private final ZohoApi api;
    private final Map<ZohoType, Map<String, Field>> cache = new EnumMap<>(ZohoType.class);

    FieldMetadata(ZohoApi api) {
        this.api = api;
    }

    /** The fields of a module by API name, read on first use. */
    synchronized Map<String, Field> fields(ZohoType type) {
        Map<String, Field> cached = cache.get(type);
        if (cached != null) {
            return cached;
        }
        String op = "read field metadata of " + type;
        ApiResponse r = api.get(op, null, "settings/fields", Map.of("module", type.module()), null);
        if (r.status() != 200) {
            throw api.failure(r, op);
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        Set<String> mandatory = new LinkedHashSet<>(type.systemMandatory());
        JsonNode list = api.json(r, op).get("fields");
        if (list == null || !list.isArray()) {
            // an error body sent with 200 has no field list: the rules are unknown, not "no fields"
            throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", op + ": HTTP " + r.status() + " without a list of fields");
        }
        for (JsonNode f : list) {
            String name = f.path("api_name").asText(null);
            if (name == null) {
                continue;
            }
            JsonNode unique = f.path("unique");
            boolean isUnique = unique.isObject() ? unique.size() > 0 : unique.asBoolean(false);
            fields.put(name, new Field(name, f.path("data_type").asText(null), f.path("length").asInt(0),
                    f.path("system_mandatory").asBoolean(false) || mandatory.contains(name), isUnique,
                    f.path("read_only").asBoolean(false) || f.path("field_read_only").asBoolean(false)));
        }
        Map<String, Field> result = Collections.unmodifiableMap(fields);
        cache.put(type, result);
        return result;
    }

    /** The rules the engine checks values against, by field path. */
    Map<String, FieldRule> rules(ZohoType type) {
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        for (Field f : fields(type).values()) {
            boolean lookup = "lookup".equals(f.dataType()) || "ownerlookup".equals(f.dataType());
            String path = lookup ? f.apiName() + ".id" : f.apiName();
            int max = lookup ? 0 : f.length();
            rules.put(path, new FieldRule(path, max, f.mandatory(), f.dataType()));
        }
        return Collections.unmodifiableMap(rules);
    }

    /**
     * Checks that the configured external-id field exists in the module, holds text and is unique, so a create can
     * be found by the key stored in it. Throws {@link ConnectorException} ({@link ErrorKind#UNAVAILABLE}) saying
     * what is wrong and how to fix it.
     */
    void verifyExternalIdField(ZohoType type, String field) {
        Field f = fields(type).get(field);
        String fix = " Create a single-line text field '" + field + "' with \"Do not allow duplicate values\" in "
                + type + " (Setup > Customization > Modules and Fields), or configure another externalIdField.";
        if (f == null) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "external-id field " + type + "." + field
                    + " does not exist in the org." + fix);
        }
        if (!f.unique()) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "external-id field " + type + "." + field
                    + " does not refuse duplicate values, so a key stored there cannot identify one record." + fix);
        }
        if (f.dataType() != null && !f.dataType().equals("text")) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "external-id field " + type + "." + field
                    + " is of type " + f.dataType() + ", not single-line text." + fix);
        }
        if (f.length() > 0 && f.length() < 50) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "external-id field " + type + "." + field
                    + " holds at most " + f.length() + " characters; idempotency keys need 50." + fix);
        }
    }
}
