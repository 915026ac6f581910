package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ResourceParameters of a list call, bound from top-level query parameters (names case-insensitive):
 * PageNumber (from 1), PageSize (default 5000, 1..20000), Fields (projection, canonical names), OrderBy
 * ("Name desc, Number"). OData options ($top, $skip, ...) are refused. Errors are 400 "Invalid resourceParameter".
 */
record ListQuery(int pageNumber, int pageSize, Set<String> fields, Comparator<JsonNode> order, String orderText) {
  static final int DEFAULT_PAGE_SIZE = 5000;
  static final int MAX_PAGE_SIZE = 20_000;

  static ListQuery parse(SimRequest rq, Schema schema, Problems problems) {
    for (String name : rq.query().keySet()) {
      if (name.startsWith("$")) {
        throw problems.resourceParameter("The query option '" + name + "' is not supported. Use PageNumber and PageSize.");
      }
    }
    int pageNumber = intParam(rq, "PageNumber", 1, problems);
    int pageSize = intParam(rq, "PageSize", DEFAULT_PAGE_SIZE, problems);
    if (pageNumber < 1) {
      throw problems.resourceParameter("PageNumber must be 1 or more, was " + pageNumber + ".");
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw problems.resourceParameter("PageSize must be between 1 and MaxPageSize (" + MAX_PAGE_SIZE + "), was "
          + pageSize + ".");
    }
    Set<String> fields = null;
    String fieldsText = rq.queryIgnoreCase("Fields");
    if (fieldsText != null && !fieldsText.isBlank()) {
      fields = new LinkedHashSet<>();
      for (String raw : fieldsText.split(",")) {
        String name = raw.trim();
        Field f = name.isEmpty() ? null : schema.field(name);
        if (f == null) {
          throw problems.resourceParameter("Fields: '" + name + "' is not a property of " + schema.entity + "Dto.");
        }
        fields.add(f.name());
      }
      if (fields.isEmpty()) {
        throw problems.resourceParameter("Fields: '" + fieldsText + "' names no property of " + schema.entity + "Dto.");
      }
    }
    Comparator<JsonNode> order = null;
    String orderText = rq.queryIgnoreCase("OrderBy");
    if (orderText != null && !orderText.isBlank()) {
      List<Comparator<JsonNode>> parts = new ArrayList<>();
      for (String clause : orderText.split(",")) {
        String[] words = clause.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
          throw problems.resourceParameter("OrderBy: '" + clause.trim() + "' is not 'Property [asc|desc]'.");
        }
        Field f = schema.field(words[0]);
        if (f == null || f.type() == FieldType.OBJECT || f.type() == FieldType.INT64_ARRAY) {
          throw problems.resourceParameter("OrderBy: '" + words[0] + "' is not a sortable property of "
              + schema.entity + "Dto.");
        }
        boolean desc = false;
        if (words.length == 2) {
          String dir = words[1].toLowerCase(Locale.ROOT);
          if (dir.equals("desc")) {
            desc = true;
          } else if (!dir.equals("asc")) {
            throw problems.resourceParameter("OrderBy: the direction '" + words[1] + "' is neither asc nor desc.");
          }
        }
        String name = f.name();
        Comparator<JsonNode> c = (a, b) -> compareValues(a.get(name), b.get(name));
        parts.add(desc ? c.reversed() : c);
      }
      Comparator<JsonNode> all = parts.get(0);
      for (int i = 1; i < parts.size(); i++) {
        all = all.thenComparing(parts.get(i));
      }
      order = all.thenComparingLong(n -> n.path("Id").asLong());
    }
    return new ListQuery(pageNumber, pageSize, fields, order, orderText);
  }

  private static int intParam(SimRequest rq, String name, int dflt, Problems problems) {
    String v = rq.queryIgnoreCase(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw problems.resourceParameter(name + ": the value '" + v + "' is not a whole number.");
    }
  }

  /** SQL-Server-like ordering: null first, text case-insensitive. */
  static int compareValues(JsonNode a, JsonNode b) {
    boolean an = a == null || a.isNull();
    boolean bn = b == null || b.isNull();
    if (an || bn) {
      return an == bn ? 0 : an ? -1 : 1;
    }
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.asDouble(), b.asDouble());
    }
    if (a.isBoolean() && b.isBoolean()) {
      return Boolean.compare(a.asBoolean(), b.asBoolean());
    }
    return a.asText().compareToIgnoreCase(b.asText());
  }

  /** X-Pagination header value. */
  static Map<String, Object> pagination(long total, int pageSize, int page, String prev, String next) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("totalCount", total);
    m.put("pageSize", pageSize);
    m.put("currentPage", page);
    m.put("totalPages", (total + pageSize - 1) / pageSize);
    m.put("previousPageLink", prev);
    m.put("nextPageLink", next);
    return m;
  }
}
