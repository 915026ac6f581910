package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Reading request DTOs (strictly: unknown properties, wrong JSON types and bad formats are 400s naming the field)
 * and writing response DTOs (every property of the schema, in schema order, null when unset).
 */
final class Dtos {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Problems problems;

  Dtos(Problems problems) {
    this.problems = problems;
  }

  // ------------------------------------------------------------------ writing

  /**
   * Writes one stored row as its Dto. {@code fields}: canonical names to include (null = all).
   * {@code departmentCode}: resolves a DepartmentId to its Code for the read-only DepartmentCode.
   */
  static void write(JsonGenerator g, Schema schema, ObjectNode node, Set<String> fields, LongFunction<String> departmentCode)
      throws IOException {
    g.writeStartObject();
    for (Field f : schema.fields) {
      if (fields != null && !fields.contains(f.name())) {
        continue;
      }
      g.writeFieldName(f.name());
      JsonNode v = node.get(f.name());
      if (f.type() == FieldType.OBJECT) {
        if (v == null || v.isNull()) {
          g.writeNull();
        } else {
          write(g, f.nested(), (ObjectNode) v, null, departmentCode);
        }
      } else if ("DepartmentCode".equals(f.name()) && schema == Schemas.CUSTOMER) {
        JsonNode dep = node.get("DepartmentId");
        String code = dep == null || dep.isNull() || departmentCode == null ? null : departmentCode.apply(dep.asLong());
        if (code == null) {
          g.writeNull();
        } else {
          g.writeString(code);
        }
      } else if ("NationalIdNumber".equals(f.name())) {
        if (v == null || v.isNull()) {
          g.writeNull();
        } else {
          g.writeString("hidden"); // for privacy, as documented
        }
      } else if (v == null || v.isNull()) {
        g.writeNull();
      } else {
        writeValue(g, v);
      }
    }
    g.writeEndObject();
  }

  /** Writes a stored value directly (ObjectMapper.writeTree per value would cost a serializer provider each time). */
  static void writeValue(JsonGenerator g, JsonNode v) throws IOException {
    switch (v.getNodeType()) {
      case STRING -> g.writeString(v.textValue());
      case BOOLEAN -> g.writeBoolean(v.booleanValue());
      case NUMBER -> {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
          g.writeNumber(v.longValue());
        } else if (v.isBigDecimal()) {
          g.writeNumber(v.decimalValue());
        } else if (v.isIntegralNumber()) {
          g.writeNumber(v.bigIntegerValue());
        } else {
          g.writeNumber(v.doubleValue());
        }
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode item : v) {
          writeValue(g, item);
        }
        g.writeEndArray();
      }
      case OBJECT -> {
        g.writeStartObject();
        var it = v.fields();
        while (it.hasNext()) {
          var e = it.next();
          g.writeFieldName(e.getKey());
          writeValue(g, e.getValue());
        }
        g.writeEndObject();
      }
      default -> g.writeNull();
    }
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads a Post DTO: only postable properties (matched ignoring case), each converted to its declared type.
   * Returns the properties under their canonical names (explicit nulls kept).
   *
   * @param extra one additional postable property not in the Dto (e.g. SubLedgerNumberSeriesId), or null
   */
  ObjectNode readPost(Schema schema, JsonNode body, Field extra) {
    if (body == null || !body.isObject()) {
      throw problems.binding("$", "The request body must be a JSON object (" + schema.postDtoName + ").");
    }
    return readObject(schema, (ObjectNode) body, "$", extra);
  }

  private ObjectNode readObject(Schema schema, ObjectNode in, String path, Field extra) {
    ObjectNode out = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = in.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Field f = schema.field(e.getKey());
      if (f == null && extra != null && extra.name().equalsIgnoreCase(e.getKey())) {
        f = extra;
      }
      String at = path + "." + e.getKey();
      if (f == null || !f.postable()) {
        throw problems.binding(at, "The JSON property '" + e.getKey() + "' could not be mapped to any member of "
            + schema.postDtoName + ".");
      }
      if (out.has(f.name())) {
        throw problems.binding(at, "The JSON property '" + f.name() + "' appears more than once.");
      }
      out.set(f.name(), convert(f, e.getValue(), at, false));
    }
    return out;
  }

  /**
   * Converts one JSON value to the field's type. {@code patch}: JSON Patch values, which ASP.NET converts
   * (a numeric string is accepted for a number, as the official PATCH example shows).
   */
  JsonNode convert(Field f, JsonNode v, String at, boolean patch) {
    if (v == null || v.isNull()) {
      return F.nullNode();
    }
    switch (f.type()) {
      case STRING -> {
        if (!v.isTextual()) {
          throw typeError(at, "System.String");
        }
        return v;
      }
      case INT64, INT32 -> {
        JsonNode n = v;
        if (patch && v.isTextual()) {
          try {
            n = F.numberNode(new BigInteger(v.asText().trim()));
          } catch (NumberFormatException e) {
            throw typeError(at, f.type() == FieldType.INT32 ? "System.Int32" : "System.Int64");
          }
        }
        if (!n.isIntegralNumber() || (f.type() == FieldType.INT32 ? !n.canConvertToInt() : !n.canConvertToLong())) {
          throw typeError(at, f.type() == FieldType.INT32 ? "System.Int32" : "System.Int64");
        }
        return f.type() == FieldType.INT32 ? F.numberNode(n.asInt()) : F.numberNode(n.asLong());
      }
      case DOUBLE -> {
        if (!v.isNumber()) {
          throw typeError(at, "System.Double");
        }
        return F.numberNode(v.asDouble());
      }
      case BOOL -> {
        if (patch && v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
          return F.booleanNode(Boolean.parseBoolean(v.asText().toLowerCase()));
        }
        if (!v.isBoolean()) {
          throw typeError(at, "System.Boolean");
        }
        return v;
      }
      case DATE -> {
        if (!v.isTextual()) {
          throw typeError(at, "System.DateOnly");
        }
        try {
          return new TextNode(LocalDate.parse(v.asText()).toString());
        } catch (DateTimeParseException e) {
          throw typeError(at, "System.DateOnly");
        }
      }
      case DATETIME -> {
        if (!v.isTextual()) {
          throw typeError(at, "System.DateTimeOffset");
        }
        try {
          return new TextNode(Timestamps.format(Timestamps.tick(Timestamps.parse(v.asText()))));
        } catch (IllegalArgumentException e) {
          throw typeError(at, "System.DateTimeOffset");
        }
      }
      case UUID -> {
        if (!v.isTextual()) {
          throw typeError(at, "System.Guid");
        }
        try {
          return new TextNode(java.util.UUID.fromString(v.asText()).toString());
        } catch (IllegalArgumentException e) {
          throw typeError(at, "System.Guid");
        }
      }
      case ENUM -> {
        if (!v.isTextual()) {
          throw typeError(at, "enum " + f.name());
        }
        for (String allowed : f.enumValues()) {
          if (allowed.equalsIgnoreCase(v.asText())) {
            return new TextNode(allowed);
          }
        }
        throw problems.binding(at, "The value '" + v.asText() + "' is not valid for " + f.name() + " (allowed: "
            + String.join(", ", f.enumValues()) + ").");
      }
      case INT64_ARRAY -> {
        if (!v.isArray()) {
          throw typeError(at, "System.Collections.Generic.List`1[System.Int64]");
        }
        ArrayNode out = F.arrayNode();
        int i = 0;
        for (JsonNode item : v) {
          if (item == null || item.isNull()) {
            // a List<long> cannot hold null: ASP.NET's binder refuses it
            throw typeError(at + "[" + i + "]", "System.Int64");
          }
          out.add(convert(new Field(f.name(), FieldType.INT64, false, true, true, 0, java.util.List.of(), null), item,
              at + "[" + i++ + "]", patch));
        }
        return out;
      }
      case OBJECT -> {
        if (!v.isObject()) {
          throw typeError(at, f.nested().postDtoName);
        }
        return readObject(f.nested(), (ObjectNode) v, at, null);
      }
      default -> throw new IllegalStateException("unhandled type " + f.type());
    }
  }

  private io.tolk.sim.common.SimException typeError(String at, String type) {
    return problems.binding(at, "The JSON value could not be converted to " + type + ". Path: " + at + ".");
  }
}
