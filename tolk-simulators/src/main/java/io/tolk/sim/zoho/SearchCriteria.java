package io.tolk.sim.zoho;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Parses Zoho search criteria, e.g. {@code ((Account_Name:equals:Fjord AS)and(Billing_City:starts_with:Os))}, into a
 * record predicate. Operators: equals, not_equal, starts_with, in (comma-separated values), and for datetime fields
 * greater_than, greater_equal, less_than, less_equal. Text comparison ignores case (as Zoho search does). Lookups
 * compare the target's id or name. {@code \(}, {@code \)} and {@code \,} escape those characters. At most 10
 * conditions.
 */
public final class SearchCriteria {
  public static final int MAX_CONDITIONS = 10;

  /** A criteria string Zoho would refuse; the message says why. */
  public static final class InvalidCriteria extends Exception {
    private final boolean tooMany;

    InvalidCriteria(String message, boolean tooMany) {
      super(message, null, false, false);
      this.tooMany = tooMany;
    }

    public boolean tooMany() {
      return tooMany;
    }
  }

  /** Resolves a lookup id to the target's display name (null if gone). */
  public interface LookupNames {
    String name(FieldDef field, String id);
  }

  private final String text;
  private final ZohoModule module;
  private final FieldCatalog catalog;
  private final LookupNames names;
  private int pos;
  private int conditions;

  private SearchCriteria(String text, ZohoModule module, FieldCatalog catalog, LookupNames names) {
    this.text = text;
    this.module = module;
    this.catalog = catalog;
    this.names = names;
  }

  public static Predicate<StoredRecord> parse(String criteria, ZohoModule module, FieldCatalog catalog, LookupNames names)
      throws InvalidCriteria {
    SearchCriteria p = new SearchCriteria(criteria.trim(), module, catalog, names);
    Predicate<StoredRecord> result = p.expression();
    if (p.pos != p.text.length()) throw new InvalidCriteria("unexpected text at position " + p.pos, false);
    return result;
  }

  private Predicate<StoredRecord> expression() throws InvalidCriteria {
    Predicate<StoredRecord> left = group();
    while (pos < text.length()) {
      if (matchWord("and")) {
        Predicate<StoredRecord> right = group();
        left = left.and(right);
      } else if (matchWord("or")) {
        Predicate<StoredRecord> right = group();
        left = left.or(right);
      } else {
        break;
      }
    }
    return left;
  }

  private boolean matchWord(String w) {
    skipBlanks();
    if (text.regionMatches(true, pos, w, 0, w.length())) {
      pos += w.length();
      skipBlanks();
      return true;
    }
    return false;
  }

  private void skipBlanks() {
    while (pos < text.length() && text.charAt(pos) == ' ') pos++;
  }

  private Predicate<StoredRecord> group() throws InvalidCriteria {
    skipBlanks();
    if (pos >= text.length() || text.charAt(pos) != '(') throw new InvalidCriteria("expected '(' at position " + pos, false);
    pos++;
    skipBlanks();
    Predicate<StoredRecord> p;
    if (pos < text.length() && text.charAt(pos) == '(') {
      p = expression();
    } else {
      p = condition();
    }
    skipBlanks();
    if (pos >= text.length() || text.charAt(pos) != ')') throw new InvalidCriteria("expected ')' at position " + pos, false);
    pos++;
    return p;
  }

  private Predicate<StoredRecord> condition() throws InvalidCriteria {
    if (++conditions > MAX_CONDITIONS) throw new InvalidCriteria("more than " + MAX_CONDITIONS + " conditions", true);
    int c1 = text.indexOf(':', pos);
    if (c1 < 0) throw new InvalidCriteria("expected field:operator:value at position " + pos, false);
    String fieldName = text.substring(pos, c1).trim();
    int c2 = text.indexOf(':', c1 + 1);
    if (c2 < 0) throw new InvalidCriteria("expected field:operator:value at position " + pos, false);
    String op = text.substring(c1 + 1, c2).trim().toLowerCase(Locale.ROOT);
    pos = c2 + 1;
    List<String> values = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    while (pos < text.length()) {
      char ch = text.charAt(pos);
      if (ch == '\\' && pos + 1 < text.length()) {
        cur.append(text.charAt(pos + 1));
        pos += 2;
        continue;
      }
      if (ch == ')') break;
      if (ch == ',' && op.equals("in")) {
        values.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
      pos++;
    }
    values.add(cur.toString());
    FieldDef field = fieldName.equals("id") ? FieldDef.of("id", FieldType.BIGINT, 0) : catalog.field(module, fieldName);
    if (field == null) throw new InvalidCriteria("no field " + fieldName + " in " + module.apiName(), false);
    return predicate(field, op, values);
  }

  private Predicate<StoredRecord> predicate(FieldDef field, String op, List<String> values) throws InvalidCriteria {
    if (field.type() == FieldType.DATETIME) {
      Instant t = ZohoTime.parse(values.get(0));
      if (t == null) throw new InvalidCriteria("not a datetime: " + values.get(0), false);
      long s = t.getEpochSecond();
      boolean created = field.apiName().equals("Created_Time");
      return switch (op) {
        case "equals" -> r -> time(r, created) == s;
        case "greater_than" -> r -> time(r, created) > s;
        case "greater_equal" -> r -> time(r, created) >= s;
        case "less_than" -> r -> time(r, created) < s;
        case "less_equal" -> r -> time(r, created) <= s;
        default -> throw new InvalidCriteria("operator " + op + " is not supported for " + field.apiName(), false);
      };
    }
    List<String> wanted = values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    return switch (op) {
      case "equals", "in" -> r -> anyValue(r, field).stream().anyMatch(wanted::contains);
      case "not_equal" -> r -> anyValue(r, field).stream().noneMatch(wanted::contains);
      case "starts_with" -> r -> anyValue(r, field).stream().anyMatch(v -> v.startsWith(wanted.get(0)));
      default -> throw new InvalidCriteria("operator " + op + " is not supported for " + field.apiName(), false);
    };
  }

  private static long time(StoredRecord r, boolean created) {
    return (created ? r.createdTime() : r.modifiedTime()).getEpochSecond();
  }

  private List<String> anyValue(StoredRecord r, FieldDef field) {
    if (field.apiName().equals("id")) return List.of(Long.toString(r.id()));
    if (field.apiName().equals("Full_Name")) {
      String n = r.fullName();
      return n == null ? List.of() : List.of(n.trim().toLowerCase(Locale.ROOT));
    }
    String v = r.value(field.apiName());
    if (v == null) return List.of();
    if (field.type() == FieldType.LOOKUP) {
      String name = names.name(field, v);
      return name == null ? List.of(v) : List.of(v, name.trim().toLowerCase(Locale.ROOT));
    }
    return List.of(v.trim().toLowerCase(Locale.ROOT));
  }
}
