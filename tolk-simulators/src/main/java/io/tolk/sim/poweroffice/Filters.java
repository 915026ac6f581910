package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filter query parameters of the list endpoints (names case-insensitive, as ASP.NET binds them), combined
 * with AND. Timestamps compare strictly (greater than), on the entity's own timestamp only. Unknown parameters
 * are ignored, as ASP.NET does.
 */
final class Filters {
  private final Problems problems;

  Filters(Problems problems) {
    this.problems = problems;
  }

  Predicate<ObjectNode> customers(SimRequest rq) {
    List<Predicate<ObjectNode>> all = new ArrayList<>();
    after(rq, "lastChangedDateTimeOffsetGreaterThan", "LastChangedDateTimeOffset", all);
    after(rq, "customerCreatedDateTimeOffsetGreaterThan", "CustomerCreatedDateTimeOffset", all);
    String ref = rq.queryIgnoreCase("externalImportReference");
    if (ref != null && !ref.isBlank()) {
      String want = ref.trim();
      all.add(n -> n.hasNonNull("ExternalImportReference") && n.get("ExternalImportReference").asText().equalsIgnoreCase(want));
    }
    ranges(rq, "customerNos", "Number", all);
    ranges(rq, "externalNos", "ExternalNumber", all);
    String groups = rq.queryIgnoreCase("contactGroupIds");
    if (groups != null && !groups.isBlank()) {
      Set<Long> ids = longs(groups, "contactGroupIds", "Unable to cast object(s)",
          "contactGroupIds contains negative numbers and/or range of numbers. '-' is not allowed, only comma ',' separated single positive numbers are allowed.");
      all.add(n -> {
        for (JsonNode g : n.path("ContactGroupIds")) {
          if (ids.contains(g.asLong())) {
            return true;
          }
        }
        return false;
      });
    }
    return and(all);
  }

  Predicate<ObjectNode> departments(SimRequest rq) {
    List<Predicate<ObjectNode>> all = new ArrayList<>();
    after(rq, "lastChangedDateTimeOffsetGreaterThan", "LastChangedDateTimeOffset", all);
    after(rq, "createdDateTimeOffsetGreaterThan", "CreatedDateTimeOffset", all);
    String codes = rq.queryIgnoreCase("codes");
    if (codes != null && !codes.isBlank()) {
      Set<String> want = new HashSet<>();
      for (String c : codes.split(",")) {
        if (!c.isBlank()) {
          want.add(c.trim().toLowerCase(Locale.ROOT));
        }
      }
      all.add(n -> n.hasNonNull("Code") && want.contains(n.get("Code").asText().toLowerCase(Locale.ROOT)));
    }
    String name = rq.queryIgnoreCase("name");
    if (name != null && !name.isBlank()) {
      String want = name.trim();
      all.add(n -> n.hasNonNull("Name") && n.get("Name").asText().equalsIgnoreCase(want));
    }
    String active = rq.queryIgnoreCase("isActive");
    if (active != null && !active.isBlank()) {
      String a = active.trim().toLowerCase(Locale.ROOT);
      if (!a.equals("true") && !a.equals("false")) {
        throw problems.binding("isActive", "The value '" + active + "' is not valid.");
      }
      boolean want = a.equals("true");
      all.add(n -> n.path("IsActive").asBoolean(false) == want);
    }
    String manager = rq.queryIgnoreCase("managerEmployeeNo");
    if (manager != null && !manager.isBlank()) {
      long want = parseLong(manager, "managerEmployeeNo");
      all.add(n -> n.hasNonNull("ManagerEmployeeNo") && n.get("ManagerEmployeeNo").asLong() == want);
    }
    String journal = rq.queryIgnoreCase("createdFromImportJournalId");
    if (journal != null && !journal.isBlank()) {
      String want;
      try {
        want = java.util.UUID.fromString(journal.trim()).toString();
      } catch (IllegalArgumentException e) {
        throw problems.binding("createdFromImportJournalId", "The value '" + journal + "' is not valid.");
      }
      all.add(n -> want.equalsIgnoreCase(n.path("CreatedFromImportJournalId").asText("")));
    }
    return and(all);
  }

  Predicate<ObjectNode> contactPersons(SimRequest rq) {
    List<Predicate<ObjectNode>> all = new ArrayList<>();
    after(rq, "lastChangedDateTimeOffsetGreaterThan", "LastChangedDateTimeOffset", all);
    after(rq, "createdDateTimeOffsetGreaterThan", "CreatedDateTimeOffset", all);
    String contacts = rq.queryIgnoreCase("contactIds");
    if (contacts != null && !contacts.isBlank()) {
      Set<Long> ids = longs(contacts, "contactIds", Problems.BINDING_TITLE,
          "contactIds must be comma-separated contact ids.");
      all.add(n -> ids.contains(n.path("ContactId").asLong()));
    }
    String codes = rq.queryIgnoreCase("externalCodes");
    if (codes != null && !codes.isBlank()) {
      Set<String> want = new HashSet<>();
      for (String c : codes.split(",")) {
        if (!c.isBlank()) {
          want.add(c.trim().toLowerCase(Locale.ROOT));
        }
      }
      all.add(n -> n.hasNonNull("ExternalCode") && want.contains(n.get("ExternalCode").asText().toLowerCase(Locale.ROOT)));
    }
    return and(all);
  }

  private static Predicate<ObjectNode> and(List<Predicate<ObjectNode>> all) {
    if (all.isEmpty()) {
      return n -> true;
    }
    return n -> {
      for (Predicate<ObjectNode> p : all) {
        if (!p.test(n)) {
          return false;
        }
      }
      return true;
    };
  }

  private void after(SimRequest rq, String param, String field, List<Predicate<ObjectNode>> all) {
    String v = rq.queryIgnoreCase(param);
    if (v == null || v.isBlank()) {
      return;
    }
    String bound;
    try {
      bound = Timestamps.format(Timestamps.parse(v));
    } catch (IllegalArgumentException e) {
      throw problems.binding(param, "The value '" + v + "' is not valid for " + param + ".");
    }
    // the wire format is fixed-width UTC, so text order is time order (a sub-tick bound keeps its precision)
    java.time.Instant exact = Timestamps.parse(v);
    all.add(n -> {
      JsonNode ts = n.get(field);
      if (ts == null || ts.isNull()) {
        return false;
      }
      int c = ts.asText().compareTo(bound);
      if (c != 0) {
        return c > 0;
      }
      return Timestamps.parse(ts.asText()).isAfter(exact);
    });
  }

  private void ranges(SimRequest rq, String param, String field, List<Predicate<ObjectNode>> all) {
    String v = rq.queryIgnoreCase(param);
    if (v == null || v.isBlank()) {
      return;
    }
    List<long[]> ranges = new ArrayList<>();
    for (String part : v.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int dash = p.indexOf('-', 1);
      try {
        if (dash < 0) {
          long x = Long.parseLong(p);
          ranges.add(new long[] {x, x});
        } else {
          long lo = Long.parseLong(p.substring(0, dash).trim());
          String hi = p.substring(dash + 1).trim();
          ranges.add(new long[] {lo, hi.isEmpty() ? Long.MAX_VALUE : Long.parseLong(hi)});
        }
      } catch (NumberFormatException e) {
        throw new io.tolk.sim.common.SimException(problems.problem(400, Problems.TYPE_400, "Unable to cast object(s)",
            param + ": '" + p + "' is not a number or a range such as 10000-11000 or 13000-."));
      }
    }
    all.add(n -> {
      JsonNode x = n.get(field);
      if (x == null || x.isNull()) {
        return false;
      }
      long val = x.asLong();
      for (long[] r : ranges) {
        if (val >= r[0] && val <= r[1]) {
          return true;
        }
      }
      return false;
    });
  }

  private Set<Long> longs(String text, String param, String title, String detail) {
    Set<Long> ids = new HashSet<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        long x = Long.parseLong(p);
        if (x < 0) {
          throw new NumberFormatException();
        }
        ids.add(x);
      } catch (NumberFormatException e) {
        throw new io.tolk.sim.common.SimException(problems.problem(400, Problems.TYPE_400, title, detail));
      }
    }
    return ids;
  }

  private long parseLong(String v, String param) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw problems.binding(param, "The value '" + v + "' is not valid.");
    }
  }
}
