package io.tolk.sim.zoho;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A parsed COQL query, the subset the simulator serves:
 * {@code select f1, f2[, Account_Name.Account_Name] from Module [where cond] [order by f [asc|desc], ...]
 * [limit n [offset m] | limit m, n]}. Conditions: {@code = != <> > >= < <=}, {@code like '%x%'}, {@code [not] in (...)}
 * (at most 50 values), {@code is [not] null}, {@code between a and b}, combined with {@code and}/{@code or} and
 * parentheses. Text comparison ignores case. Field names are checked against the {@link FieldCatalog}.
 */
public final class CoqlQuery {
  /** A query Zoho would refuse; {@code code} is SYNTAX_ERROR, INVALID_QUERY or LIMIT_EXCEEDED. */
  public static final class Invalid extends Exception {
    private final String code;
    private final String near;
    private final int column;

    Invalid(String code, String message, String near, int column) {
      super(message, null, false, false);
      this.code = code;
      this.near = near;
      this.column = column;
    }

    public String code() { return code; }

    public String near() { return near; }

    public int column() { return column; }
  }

  /** One order-by item. */
  public record Order(String field, boolean ascending) {}

  /** Reads a field of a record as text (null = unset); lookups through {@code Field.Target_Field} resolved. */
  public interface Values {
    String text(StoredRecord r, String path);

    Instant time(StoredRecord r, String field);
  }

  public static final int MAX_FIELDS = 50;
  public static final int MAX_LIMIT = 200;
  public static final int MAX_IN_VALUES = 50;

  private final ZohoModule module;
  private final List<String> fields;
  private final Predicate<StoredRecord> where;
  private final List<Order> orderBy;
  private final int limit;
  private final int offset;

  private CoqlQuery(ZohoModule module, List<String> fields, Predicate<StoredRecord> where, List<Order> orderBy, int limit,
                    int offset) {
    this.module = module;
    this.fields = fields;
    this.where = where;
    this.orderBy = orderBy;
    this.limit = limit;
    this.offset = offset;
  }

  public ZohoModule module() { return module; }

  public List<String> fields() { return fields; }

  public Predicate<StoredRecord> where() { return where; }

  public List<Order> orderBy() { return orderBy; }

  public int limit() { return limit; }

  public int offset() { return offset; }

  // ------------------------------------------------------------------ parsing

  private record Tok(String text, boolean quoted, int column) {
    boolean is(String word) {
      return !quoted && text.equalsIgnoreCase(word);
    }
  }

  private final List<Tok> toks = new ArrayList<>();
  private int p;
  private FieldCatalog catalog;
  private Values values;

  public static CoqlQuery parse(String query, FieldCatalog catalog, Values values) throws Invalid {
    CoqlQuery q = new CoqlQuery(null, null, null, null, 0, 0);
    q.catalog = catalog;
    q.values = values;
    q.tokenize(query);
    return q.query();
  }

  private void tokenize(String s) throws Invalid {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder b = new StringBuilder();
        int start = i++;
        while (true) {
          if (i >= s.length()) throw new Invalid("SYNTAX_ERROR", "unterminated string", s.substring(start), start + 1);
          char d = s.charAt(i);
          if (d == '\\' && i + 1 < s.length()) {
            b.append(s.charAt(i + 1));
            i += 2;
          } else if (d == '\'') {
            i++;
            break;
          } else {
            b.append(d);
            i++;
          }
        }
        toks.add(new Tok(b.toString(), true, start + 1));
      } else if ("(),".indexOf(c) >= 0) {
        toks.add(new Tok(String.valueOf(c), false, i + 1));
        i++;
      } else if ("=<>!".indexOf(c) >= 0) {
        int start = i;
        while (i < s.length() && "=<>!".indexOf(s.charAt(i)) >= 0) i++;
        toks.add(new Tok(s.substring(start, i), false, start + 1));
      } else {
        int start = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "(),=<>!'".indexOf(s.charAt(i)) < 0) i++;
        toks.add(new Tok(s.substring(start, i), false, start + 1));
      }
    }
  }

  private Tok peek() {
    return p < toks.size() ? toks.get(p) : null;
  }

  private Tok next() throws Invalid {
    Tok t = peek();
    if (t == null) throw syntax("end of query");
    p++;
    return t;
  }

  private Invalid syntax(String near) {
    Tok t = peek();
    return new Invalid("SYNTAX_ERROR", "syntax error", t == null ? near : t.text(), t == null ? 0 : t.column());
  }

  private void expect(String word) throws Invalid {
    Tok t = peek();
    if (t == null || !t.is(word)) throw syntax(word);
    p++;
  }

  private CoqlQuery query() throws Invalid {
    expect("select");
    List<String> selected = new ArrayList<>();
    do {
      selected.add(next().text());
    } while (peek() != null && peek().is(",") && next() != null);
    expect("from");
    Tok m = next();
    ZohoModule mod = ZohoModule.byApiName(m.text())
        .orElseThrow(() -> new Invalid("INVALID_QUERY", "invalid module", m.text(), m.column()));
    this.moduleForFields = mod;
    if (selected.size() > MAX_FIELDS) throw new Invalid("LIMIT_EXCEEDED", "more than 50 fields selected", "select", 0);
    for (String f : selected) checkField(f, true);
    Predicate<StoredRecord> w = r -> true;
    if (peek() != null && peek().is("where")) {
      p++;
      w = or();
    }
    List<Order> order = new ArrayList<>();
    if (peek() != null && peek().is("order")) {
      p++;
      expect("by");
      do {
        String f = next().text();
        checkField(f, false);
        boolean asc = true;
        if (peek() != null && (peek().is("asc") || peek().is("desc"))) asc = next().is("asc");
        order.add(new Order(f, asc));
      } while (peek() != null && peek().is(",") && next() != null);
    }
    int lim = MAX_LIMIT;
    int off = 0;
    if (peek() != null && peek().is("limit")) {
      p++;
      int a = number(next());
      if (peek() != null && peek().is(",")) {
        p++;
        off = a;
        lim = number(next());
      } else {
        lim = a;
      }
      if (peek() != null && peek().is("offset")) {
        p++;
        off = number(next());
      }
    }
    if (peek() != null) throw syntax("");
    if (lim > MAX_LIMIT || lim < 1) throw new Invalid("LIMIT_EXCEEDED", "limit must be 1..200", "limit", 0);
    if (off < 0) throw new Invalid("INVALID_QUERY", "offset must not be negative", "offset", 0);
    return new CoqlQuery(mod, List.copyOf(selected), w, List.copyOf(order), lim, off);
  }

  private ZohoModule moduleForFields;

  private void checkField(String f, boolean allowJoin) throws Invalid {
    if (f.equals("id")) return;
    int dot = f.indexOf('.');
    String base = dot < 0 ? f : f.substring(0, dot);
    FieldDef def = catalog.field(moduleForFields, base);
    if (def == null) throw new Invalid("INVALID_QUERY", "invalid column given", f, 0);
    if (dot >= 0) {
      if (!allowJoin && def.type() != FieldType.LOOKUP) throw new Invalid("INVALID_QUERY", "invalid column given", f, 0);
      if (def.type() != FieldType.LOOKUP || catalog.field(def.lookupModule(), f.substring(dot + 1)) == null
          && !f.substring(dot + 1).equals("id")) {
        throw new Invalid("INVALID_QUERY", "invalid column given", f, 0);
      }
    }
  }

  private static int number(Tok t) throws Invalid {
    try {
      return Integer.parseInt(t.text());
    } catch (NumberFormatException e) {
      throw new Invalid("SYNTAX_ERROR", "number expected", t.text(), t.column());
    }
  }

  private Predicate<StoredRecord> or() throws Invalid {
    Predicate<StoredRecord> left = and();
    while (peek() != null && peek().is("or")) {
      p++;
      left = left.or(and());
    }
    return left;
  }

  private Predicate<StoredRecord> and() throws Invalid {
    Predicate<StoredRecord> left = factor();
    while (peek() != null && peek().is("and")) {
      p++;
      left = left.and(factor());
    }
    return left;
  }

  private Predicate<StoredRecord> factor() throws Invalid {
    if (peek() != null && peek().is("(")) {
      p++;
      Predicate<StoredRecord> e = or();
      expect(")");
      return e;
    }
    return condition();
  }

  private Predicate<StoredRecord> condition() throws Invalid {
    Tok fieldTok = next();
    String field = fieldTok.text();
    checkField(field, true);
    FieldDef def = field.equals("id") ? null : catalog.field(moduleForFields, field.contains(".") ? field.substring(0, field.indexOf('.')) : field);
    boolean time = def != null && def.type() == FieldType.DATETIME;
    Tok op = next();
    if (op.is("is")) {
      boolean not = peek() != null && peek().is("not");
      if (not) p++;
      expect("null");
      return not ? r -> values.text(r, field) != null : r -> values.text(r, field) == null;
    }
    boolean not = false;
    if (op.is("not")) {
      not = true;
      op = next();
    }
    if (op.is("in")) {
      expect("(");
      List<String> list = new ArrayList<>();
      do {
        list.add(norm(next().text()));
      } while (peek() != null && peek().is(",") && next() != null);
      expect(")");
      if (list.size() > MAX_IN_VALUES) throw new Invalid("LIMIT_EXCEEDED", "more than 50 values in in", "in", op.column());
      boolean negate = not;
      return r -> list.contains(norm(values.text(r, field))) != negate;
    }
    if (op.is("like")) {
      String pattern = norm(next().text());
      String regex = "\\Q" + pattern.replace("%", "\\E.*\\Q") + "\\E";
      boolean negate = not;
      return r -> {
        String v = norm(values.text(r, field));
        return v != null && v.matches(regex) != negate;
      };
    }
    if (op.is("between")) {
      Tok a = next();
      expect("and");
      Tok b = next();
      if (time) {
        Instant from = instant(a);
        Instant to = instant(b);
        return r -> {
          Instant t = values.time(r, field);
          return t != null && !t.isBefore(from) && !t.isAfter(to);
        };
      }
      String from = norm(a.text());
      String to = norm(b.text());
      return r -> {
        String v = norm(values.text(r, field));
        return v != null && v.compareTo(from) >= 0 && v.compareTo(to) <= 0;
      };
    }
    if (not) throw syntax("not");
    String o = op.text();
    if (!List.of("=", "!=", "<>", ">", ">=", "<", "<=").contains(o)) throw new Invalid("SYNTAX_ERROR", "syntax error", o, op.column());
    Tok valueTok = next();
    if (time) {
      Instant v = instant(valueTok);
      return r -> {
        Instant t = values.time(r, field);
        if (t == null) return false;
        int c = t.compareTo(v);
        return compare(o, c);
      };
    }
    String v = norm(valueTok.text());
    if (field.equals("id")) {
      long id = parseLong(valueTok);
      return r -> compare(o, Long.compare(r.id(), id));
    }
    return r -> {
      String x = norm(values.text(r, field));
      if (x == null) return o.equals("!=") || o.equals("<>");
      return compare(o, x.compareTo(v));
    };
  }

  private static long parseLong(Tok t) throws Invalid {
    try {
      return Long.parseLong(t.text());
    } catch (NumberFormatException e) {
      throw new Invalid("INVALID_QUERY", "invalid value for id", t.text(), t.column());
    }
  }

  private static Instant instant(Tok t) throws Invalid {
    Instant i = ZohoTime.parse(t.text());
    if (i == null) throw new Invalid("INVALID_QUERY", "invalid datetime value", t.text(), t.column());
    return i;
  }

  private static boolean compare(String op, int c) {
    return switch (op) {
      case "=" -> c == 0;
      case "!=", "<>" -> c != 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "<" -> c < 0;
      default -> c <= 0;
    };
  }

  private static String norm(String s) {
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
  }
}
