package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Translates between Zoho's record JSON and the SPI's flat field paths.
 *
 * <ul>
 *   <li>A top-level field is its API name: {@code Account_Name}, {@code Email}.</li>
 *   <li>An object value (a lookup such as {@code Account_Name} on Contacts, or {@code Owner}) is flattened one level:
 *       {@code Account_Name.id}, {@code Account_Name.name}.</li>
 *   <li>Values are strings as Zoho holds them; booleans {@code "true"}/{@code "false"}, numbers in plain decimal,
 *       arrays as their JSON text, JSON null as {@code null}. Keys starting with {@code $} (Zoho's internal state)
 *       are left out.</li>
 *   <li>On writes, {@code X.id} becomes {@code "X":{"id":…}}; {@code X.name} of a lookup is read-only and not sent;
 *       a {@code null} value is left out of a create and clears the field on an update. Values of boolean and
 *       numeric fields (by the field metadata's data type) are sent as JSON booleans and numbers.</li>
 * </ul>
 */
final class RecordMapper {

    /** Zoho's limit on the {@code fields} parameter. */
    static final int MAX_FIELDS = 50;

    /** The lookup naming the user who last changed a record; read with every record, as {@code Modified_By.name} etc. */
    static final String MODIFIED_BY = "Modified_By";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecordMapper() {
    }

    /** The record as the SPI sees it. */
    static SourceRecord toSource(ZohoType type, JsonNode record) {
        String id = record.path("id").asText(null);
        if (id == null) {
            throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", "read " + type + ": a record without an id");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.startsWith("$") || name.equals("id")) {
                continue;
            }
            JsonNode value = e.getValue();
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> sub = value.fields(); sub.hasNext(); ) {
                    Map.Entry<String, JsonNode> s = sub.next();
                    if (!s.getValue().isContainerNode()) {
                        fields.put(name + "." + s.getKey(), text(s.getValue()));
                    }
                }
            } else {
                fields.put(name, text(value));
            }
        }
        Instant modified = ZohoTime.parse(record.path("Modified_Time").asText(null));
        return new SourceRecord(new RecordRef("zoho", type.module(), id), fields, modified);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBigDecimal() || value.isDouble() || value.isFloat()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }

    /**
     * The {@code fields} parameter for the given field paths: their top-level API names plus {@code Modified_Time}
     * (and whatever {@code extra} names), without {@code id} (always returned).
     *
     * @throws ConnectorException (PERMANENT) when more than 50 fields would be asked for
     */
    static String fieldsParam(ZohoType type, Set<String> paths, String operation, String... extra) {
        Set<String> names = new LinkedHashSet<>();
        for (String p : paths) {
            int dot = p.indexOf('.');
            names.add(dot < 0 ? p : p.substring(0, dot));
        }
        names.add("Modified_Time");
        names.add(MODIFIED_BY);   // who changed it last, for the history (ZohoConnector#modifiedByField)
        for (String e : extra) {
            if (e != null) {
                names.add(e);
            }
        }
        names.remove("id");
        if (names.size() > MAX_FIELDS) {
            throw new ConnectorException(ErrorKind.PERMANENT, "zoho", operation + " " + type + ": " + names.size()
                    + " fields asked for, Zoho returns at most " + MAX_FIELDS + " per call");
        }
        return String.join(",", names);
    }

    /**
     * The JSON of one record to write.
     *
     * @param create whether this is a create (null values are left out) or an update (null values clear)
     * @param rules  the field metadata, for data types; may be empty
     */
    static ObjectNode toJson(ZohoType type, Map<String, String> fields, boolean create, Map<String, FieldRule> rules) {
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String path = e.getKey();
            String value = e.getValue();
            if (value == null && create) {
                continue;
            }
            int dot = path.indexOf('.');
            if (dot < 0) {
                out.set(path, value(value, rules.get(path)));
                continue;
            }
            String parent = path.substring(0, dot);
            String child = path.substring(dot + 1);
            if (type.isLookup(parent) && !child.equals("id")) {
                continue; // a lookup is set by id; its name is Zoho's to fill in
            }
            if (value == null) {
                out.putNull(parent);
            } else {
                JsonNode existing = out.get(parent);
                ObjectNode obj = existing instanceof ObjectNode o ? o : out.putObject(parent);
                obj.put(child, value);
            }
        }
        return out;
    }

    private static JsonNode value(String value, FieldRule rule) {
        if (value == null) {
            return JSON.nullNode();
        }
        String dataType = rule == null || rule.dataType() == null ? "" : rule.dataType();
        try {
            switch (dataType) {
                case "boolean":
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        return JSON.booleanNode(Boolean.parseBoolean(value));
                    }
                    break;
                case "integer", "bigint":
                    return JSON.numberNode(Long.parseLong(value.trim()));
                case "double", "currency", "decimal", "percent":
                    return JSON.numberNode(new BigDecimal(value.trim()));
                default:
                    break;
            }
        } catch (NumberFormatException notANumber) {
            // sent as text: Zoho answers INVALID_DATA naming the field, which is the error a person can act on
        }
        return JSON.textNode(value);
    }

    /** A short fingerprint of a record's JSON as received, to tell two versions with the same Modified_Time apart. */
    /**
     * A short fingerprint of a record's JSON as received (48 bits of FNV-1a, 64-bit, as 12 hex digits): it tells two
     * versions of one record apart, which needs no cryptographic strength, and it is computed for every record read.
     */
    static String fingerprint(JsonNode record) {
        String json = record.toString();
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < json.length(); i++) {
            h ^= json.charAt(i);
            h *= 0x100000001b3L;
        }
        return HexFormat.of().toHexDigits(h).substring(4);
    }
}
