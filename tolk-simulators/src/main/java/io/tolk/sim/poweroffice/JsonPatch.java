package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 6902 JSON Patch applied the way ASP.NET's JsonPatchDocument&lt;TPatchDto&gt; does it: paths are matched
 * case-insensitively against the PatchDto's properties (nested objects and int64 arrays included); an unknown path
 * is a 400 naming the lowercased segment; {@code remove} on a property sets it to null; {@code -} addresses the end
 * of an array (for remove/replace: its last element).
 * <p>The patch is applied to a "view" holding exactly the patchable properties; the caller converts the values to
 * their types and merges the view back.</p>
 */
final class JsonPatch {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Problems problems;

  JsonPatch(Problems problems) {
    this.problems = problems;
  }

  /** The patchable properties of a row, all present (null when unset), nested objects expanded. */
  static ObjectNode view(Schema schema, ObjectNode row) {
    ObjectNode v = F.objectNode();
    for (Field f : schema.fields) {
      if (!f.patchable()) {
        continue;
      }
      JsonNode cur = row == null ? null : row.get(f.name());
      if (f.type() == FieldType.OBJECT) {
        v.set(f.name(), view(f.nested(), cur instanceof ObjectNode o ? o : null));
      } else {
        v.set(f.name(), cur == null ? F.nullNode() : cur.deepCopy());
      }
    }
    return v;
  }

  /** A resolved location: the container (object or array), the canonical property or index, and its field. */
  private record Target(JsonNode container, String property, int index, boolean end, Field field, String path) {
    boolean inArray() {
      return container.isArray();
    }
  }

  /** Applies the operations to the view in order. */
  void apply(Schema schema, ObjectNode view, JsonNode patch) {
    if (patch == null || !patch.isArray()) {
      throw problems.validation(schema.entity, schema.patchDtoName + ": the request body must be a JSON Patch array.");
    }
    for (JsonNode op : patch) {
      if (!op.isObject()) {
        throw problems.validation(schema.entity, schema.patchDtoName + ": every JSON Patch operation must be an object.");
      }
      String name = op.path("op").asText("").toLowerCase(Locale.ROOT);
      JsonNode pathNode = op.get("path");
      if (pathNode == null || !pathNode.isTextual()) {
        throw problems.validation(schema.entity, schema.patchDtoName + ": the operation '" + name + "' has no path.");
      }
      String path = pathNode.asText();
      JsonNode value = op.has("value") ? op.get("value") : F.nullNode();
      switch (name) {
        case "add" -> add(schema, view, resolve(schema, view, path), value);
        case "replace" -> replace(schema, resolve(schema, view, path), value);
        case "remove" -> remove(schema, resolve(schema, view, path));
        case "copy" -> add(schema, view, resolve(schema, view, path), get(schema, resolve(schema, view, from(schema, op, name))).deepCopy());
        case "move" -> {
          Target from = resolve(schema, view, from(schema, op, name));
          JsonNode v = get(schema, from).deepCopy();
          remove(schema, from);
          add(schema, view, resolve(schema, view, path), v);
        }
        case "test" -> {
          JsonNode current = get(schema, resolve(schema, view, path));
          if (!same(current, value)) {
            throw problems.validation(schema.entity, schema.patchDtoName + ": The current value '" + text(current)
                + "' at path '" + path + "' is not equal to the test value '" + text(value) + "'.");
          }
        }
        default -> throw problems.validation(schema.entity, schema.patchDtoName + ": Invalid JsonPatch operation '"
            + op.path("op").asText("") + "'.");
      }
    }
  }

  private String from(Schema schema, JsonNode op, String name) {
    JsonNode f = op.get("from");
    if (f == null || !f.isTextual()) {
      throw problems.validation(schema.entity, schema.patchDtoName + ": the operation '" + name + "' has no from.");
    }
    return f.asText();
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a == null || a.isNull()) {
      return b == null || b.isNull();
    }
    if (a.isNumber() && b != null && (b.isNumber() || b.isTextual())) {
      return a.asText().equals(b.asText());
    }
    return a.equals(b);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.isTextual() ? n.asText() : n.toString();
  }

  private Target resolve(Schema schema, ObjectNode view, String path) {
    if (!path.startsWith("/")) {
      throw notFound(schema, path.isEmpty() ? "" : path);
    }
    List<String> segs = new ArrayList<>();
    for (String s : path.substring(1).split("/", -1)) {
      segs.add(s.replace("~1", "/").replace("~0", "~"));
    }
    Schema s = schema;
    JsonNode container = view;
    for (int i = 0; i < segs.size(); i++) {
      String seg = segs.get(i);
      Field f = s.field(seg);
      if (f == null || !f.patchable()) {
        throw notFound(schema, seg);
      }
      boolean last = i == segs.size() - 1;
      if (last) {
        return new Target(container, f.name(), -1, false, f, path);
      }
      if (f.type() == FieldType.OBJECT) {
        JsonNode next = container.get(f.name());
        if (next == null || !next.isObject()) {
          next = view(f.nested(), null);
          ((ObjectNode) container).set(f.name(), next);
        }
        container = next;
        s = f.nested();
      } else if (f.type() == FieldType.INT64_ARRAY && i == segs.size() - 2) {
        JsonNode arr = container.get(f.name());
        if (arr == null || !arr.isArray()) {
          arr = F.arrayNode();
          ((ObjectNode) container).set(f.name(), arr);
        }
        String idx = segs.get(i + 1);
        if (idx.equals("-")) {
          return new Target(arr, f.name(), -1, true, f, path);
        }
        try {
          int n = Integer.parseInt(idx);
          if (n < 0) {
            throw new NumberFormatException();
          }
          return new Target(arr, f.name(), n, false, f, path);
        } catch (NumberFormatException e) {
          throw problems.validation(schema.entity, schema.patchDtoName + ": The path segment '" + idx
              + "' is invalid for an array index.");
        }
      } else {
        throw notFound(schema, segs.get(i + 1));
      }
    }
    throw notFound(schema, "");
  }

  private io.tolk.sim.common.SimException notFound(Schema schema, String segment) {
    return problems.validation(schema.entity, schema.patchDtoName + ": The target location specified by path segment '"
        + segment.toLowerCase(Locale.ROOT) + "' was not found.");
  }

  private io.tolk.sim.common.SimException outOfBounds(Schema schema, Target t) {
    return problems.validation(schema.entity, schema.patchDtoName + ": The index value provided by path segment '"
        + (t.end ? "-" : String.valueOf(t.index)) + "' is out of bounds of the array size.");
  }

  private JsonNode get(Schema schema, Target t) {
    if (t.inArray()) {
      ArrayNode a = (ArrayNode) t.container;
      int i = t.end ? a.size() - 1 : t.index;
      if (i < 0 || i >= a.size()) {
        throw outOfBounds(schema, t);
      }
      return a.get(i);
    }
    JsonNode v = t.container.get(t.property);
    return v == null ? F.nullNode() : v;
  }

  private void add(Schema schema, ObjectNode view, Target t, JsonNode value) {
    if (t.inArray()) {
      ArrayNode a = (ArrayNode) t.container;
      if (t.end) {
        a.add(value);
      } else if (t.index <= a.size()) {
        a.insert(t.index, value);
      } else {
        throw outOfBounds(schema, t);
      }
    } else {
      setProperty(t, value);
    }
  }

  private void replace(Schema schema, Target t, JsonNode value) {
    if (t.inArray()) {
      ArrayNode a = (ArrayNode) t.container;
      int i = t.end ? a.size() - 1 : t.index;
      if (i < 0 || i >= a.size()) {
        throw outOfBounds(schema, t);
      }
      a.set(i, value);
    } else {
      setProperty(t, value);
    }
  }

  private void remove(Schema schema, Target t) {
    if (t.inArray()) {
      ArrayNode a = (ArrayNode) t.container;
      int i = t.end ? a.size() - 1 : t.index;
      if (i < 0 || i >= a.size()) {
        throw outOfBounds(schema, t);
      }
      a.remove(i);
    } else {
      setProperty(t, F.nullNode());
    }
  }

  private static void setProperty(Target t, JsonNode value) {
    ((ObjectNode) t.container).set(t.property, value == null ? F.nullNode() : value);
  }
}
