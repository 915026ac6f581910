package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.api.CreateRequest;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates between PowerOffice's JSON DTOs and flat field paths: reads a DTO into a {@link SourceRecord}
 * (property names taken case-insensitively and reported in PascalCase, nested objects joined by dots), and builds
 * POST bodies and JSON Patch documents from field maps, typed as the API expects.
 */
final class RecordMapper {

    static final String ADDRESS = "MailAddress";

    private final ObjectMapper mapper;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    RecordMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---------------------------------------------------------------- reading

    /** Whether a customer DTO belongs to {@code type} (by IsPerson; absent counts as false). Non-customers always. */
    static boolean belongsTo(PoType type, JsonNode dto) {
        if (!type.isCustomer()) {
            return true;
        }
        JsonNode isPerson = property(dto, "IsPerson");
        boolean person = isPerson != null && isPerson.asBoolean(false);
        return person == type.isPerson;
    }

    /** The record's id as the connector names it: {@code Id}, or {@code ContactId:Id} for contact persons. */
    static String idOf(PoType type, JsonNode dto) {
        JsonNode id = property(dto, "Id");
        if (id == null || id.isNull() || !id.asText().matches("[0-9]{1,19}")) {
            return null; // PowerOffice's ids are whole numbers: anything else is no id tolk could address
        }
        if (type.hasCompositeId()) {
            JsonNode contact = property(dto, "ContactId");
            return (contact == null || contact.isNull() ? "" : contact.asText()) + ":" + id.asText();
        }
        return id.asText();
    }

    /** A DTO as a record of {@code type}; paths in {@code requested} that the DTO lacks are reported empty. */
    SourceRecord toRecord(PoType type, JsonNode dto, Set<String> requested) {
        String id = idOf(type, dto);
        if (id == null) {
            throw new IllegalArgumentException("a " + type.typeName + " without Id");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", dto, fields);
        if (requested != null) {
            for (String path : requested) {
                fields.putIfAbsent(path, null);
            }
        }
        Instant modified = parseInstant(fields.get("LastChangedDateTimeOffset"));
        Map<String, Instant> fieldModified = new HashMap<>();
        Instant addressChanged = parseInstant(fields.get(ADDRESS + ".LastChangedDateTimeOffset"));
        if (addressChanged != null) {
            for (String path : fields.keySet()) {
                if (path.startsWith(ADDRESS + ".")) {
                    fieldModified.put(path, addressChanged);
                }
            }
        }
        return new SourceRecord(new RecordRef(PowerOfficeConnector.SYSTEM, type.typeName, id), fields, modified, fieldModified);
    }

    private void flatten(String prefix, JsonNode node, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + pascal(e.getKey());
            JsonNode value = e.getValue();
            if (value == null || value.isNull() || value.isMissingNode()) {
                out.put(path, null);
            } else if (value.isObject()) {
                flatten(path + ".", value, out);
            } else if (value.isArray()) {
                StringBuilder b = new StringBuilder();
                for (JsonNode item : value) {
                    if (b.length() > 0) {
                        b.append(',');
                    }
                    b.append(scalar(item));
                }
                out.put(path, b.toString());
            } else {
                out.put(path, scalar(value));
            }
        }
    }

    private static String scalar(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isFloatingPointNumber() || value.isBigDecimal()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isContainerNode()) {
            return value.toString();
        }
        return value.asText();
    }

    private static String pascal(String name) {
        if (name.isEmpty() || Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A property by name, ignoring case; null when absent. */
    static JsonNode property(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Parses PowerOffice's DateTimeOffset: ISO-8601 with up to 7 fractional digits and an offset or Z, also with a
     * space instead of {@code T}; without an offset it is taken as UTC. Null for null, blank or unparseable.
     */
    static Instant parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unparseable) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /** The POST body for a create: typed values, IsPerson by type, the idempotency key in the type's key field. */
    ObjectNode postBody(PoType type, CreateRequest request) throws FieldProblem {
        ObjectNode body = nodes.objectNode();
        for (Map.Entry<String, String> e : request.fields().entrySet()) {
            String path = e.getKey();
            if (e.getValue() == null || (type.hasCompositeId() && path.equals("ContactId"))) {
                continue;
            }
            PoField field = writable(type, path, false);
            ObjectNode parent = body;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = parent.get(parts[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(parts[i]);
            }
            parent.set(parts[parts.length - 1], typed(field, e.getValue()));
        }
        if (type.isCustomer()) {
            body.put("IsPerson", type.isPerson);
        }
        if (type.keyField != null) {
            body.put(type.keyField, request.idempotencyKey());
        }
        return body;
    }

    /**
     * The JSON Patch for an update: {@code replace} of each changed path (null clears), except that when the
     * record has no address yet the address fields become one {@code add} of the whole {@code /MailAddress} object.
     */
    ArrayNode patch(PoType type, UpdateRequest request, boolean addressExists) throws FieldProblem {
        ArrayNode ops = nodes.arrayNode();
        ObjectNode newAddress = null;
        for (Map.Entry<String, String> e : request.fields().entrySet()) {
            PoField field = writable(type, e.getKey(), true);
            JsonNode value = e.getValue() == null ? nodes.nullNode() : typed(field, e.getValue());
            if (!addressExists && field.path().startsWith(ADDRESS + ".")) {
                if (newAddress == null) {
                    newAddress = nodes.objectNode();
                }
                if (!value.isNull()) {
                    newAddress.set(field.path().substring(ADDRESS.length() + 1), value);
                }
                continue;
            }
            ObjectNode op = ops.addObject();
            op.put("op", "replace");
            op.put("path", "/" + field.path().replace('.', '/'));
            op.set("value", value);
        }
        if (newAddress != null && !newAddress.isEmpty()) {
            ObjectNode op = ops.addObject();
            op.put("op", "add");
            op.put("path", "/" + ADDRESS);
            op.set("value", newAddress);
        }
        return ops;
    }

    /** Whether an update touches the address. */
    static boolean touchesAddress(UpdateRequest request) {
        return request.fields().keySet().stream().anyMatch(p -> p.startsWith(ADDRESS + "."));
    }

    private static PoField writable(PoType type, String path, boolean patch) throws FieldProblem {
        if (path.equals(type.keyField)) {
            throw new FieldProblem(path, path + " is reserved for tolk's idempotency key and cannot be written");
        }
        PoField field = type.field(path).orElseThrow(() -> new FieldProblem(path,
                "field " + path + " cannot be written to a " + type.typeName + " (writable: " + type.fields().keySet() + ")"));
        if (patch && field.createOnly()) {
            throw new FieldProblem(path, "field " + path + " can only be set when a " + type.typeName + " is created");
        }
        return field;
    }

    private JsonNode typed(PoField field, String value) throws FieldProblem {
        String v = value.trim();
        switch (field.kind()) {
            case BOOLEAN:
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return nodes.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
                }
                throw new FieldProblem(field.path(), "field " + field.path() + " must be true or false, was '" + value + "'");
            case INTEGER:
                try {
                    return nodes.numberNode(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new FieldProblem(field.path(), "field " + field.path() + " must be a whole number, was '" + value + "'");
                }
            case INTEGER_LIST:
                ArrayNode array = nodes.arrayNode();
                if (!v.isEmpty()) {
                    for (String part : List.of(v.split(","))) {
                        try {
                            array.add(Long.parseLong(part.trim()));
                        } catch (NumberFormatException e) {
                            throw new FieldProblem(field.path(), "field " + field.path()
                                    + " must be whole numbers separated by commas, was '" + value + "'");
                        }
                    }
                }
                return array;
            default:
                return nodes.textNode(value);
        }
    }

    byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }
}
