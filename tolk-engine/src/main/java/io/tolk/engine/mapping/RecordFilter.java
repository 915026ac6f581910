package io.tolk.engine.mapping;

import io.tolk.api.SourceRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which records take part in a flow: conditions on fields of the source record, joined by {@code and}.
 *
 * <p>Grammar: {@code condition (("and" | "&&") condition)*}; a condition is {@code field (== | !=) value}; a field is a
 * path such as {@code Retired} or {@code Address.Country}; a value is {@code true}, {@code false},
 * {@code null}, a number, a quoted string ({@code 'x'} or {@code "x"}) or a bare word.
 *
 * <p>Semantics: booleans compare case-insensitively with the field's {@code "true"}/{@code "false"}; numbers compare
 * numerically ({@code 99} equals {@code "99.0"}); {@code null} matches an empty or absent field; strings and bare
 * words compare exactly with the field's trimmed value. An absent field equals nothing but {@code null}.
 *
 * <p>Immutable and thread-safe. {@link #expression()} is a normalised form: two filters with the same meaning and
 * spacing-only differences have the same expression.
 */
public final class RecordFilter {

    private static final RecordFilter ALL = new RecordFilter(List.of());

    private final List<Condition> conditions;

    private RecordFilter(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /** The filter that lets every record through (expression {@code ""}). */
    public static RecordFilter all() {
        return ALL;
    }

    /**
     * Parses an expression; a blank or {@code null} expression is {@link #all()}.
     *
     * @throws IllegalArgumentException naming the position (1-based) and what was expected there
     */
    public static RecordFilter parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return ALL;
        }
        return new RecordFilter(new Parser(expression).parse());
    }

    /** Whether this record takes part. */
    public boolean test(SourceRecord record) {
        for (Condition c : conditions) {
            if (!c.test(record.field(c.field))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this filter lets every record through. */
    public boolean isAll() {
        return conditions.isEmpty();
    }

    /** The field paths the conditions read. */
    public List<String> fields() {
        return conditions.stream().map(c -> c.field).collect(Collectors.toList());
    }

    /** The normalised expression, e.g. {@code Retired == false and Code != "99"}; {@code ""} for {@link #all()}. */
    public String expression() {
        return conditions.stream().map(Condition::toString).collect(Collectors.joining(" and "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordFilter other && expression().equals(other.expression());
    }

    @Override
    public int hashCode() {
        return expression().hashCode();
    }

    @Override
    public String toString() {
        return isAll() ? "(all records)" : expression();
    }

    private enum ValueType { BOOLEAN, NULL, NUMBER, STRING }

    private record Condition(String field, boolean equal, ValueType type, String value) {

        boolean test(String raw) {
            String actual = raw == null ? null : raw.trim();
            boolean matches = switch (type) {
                case NULL -> actual == null || actual.isEmpty();
                case BOOLEAN -> actual != null && actual.equalsIgnoreCase(value);
                case NUMBER -> actual != null && numericEquals(actual, value);
                case STRING -> value.equals(actual);
            };
            return equal == matches;
        }

        private static boolean numericEquals(String actual, String literal) {
            try {
                return new BigDecimal(actual).compareTo(new BigDecimal(literal)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            String shown = type == ValueType.STRING
                    ? "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                    : value;
            return field + (equal ? " == " : " != ") + shown;
        }
    }

    /** A small recursive-descent parser; positions in messages are 1-based. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<Condition> parse() {
            List<Condition> out = new ArrayList<>();
            out.add(condition());
            while (true) {
                skipSpaces();
                if (pos >= text.length()) {
                    return out;
                }
                if (text.startsWith("&&", pos)) {
                    pos += 2;
                } else if (wordAhead("and")) {
                    pos += 3;
                } else if (wordAhead("or") || text.startsWith("||", pos)) {
                    throw error("only 'and' is supported, not 'or'");
                } else {
                    throw error("expected 'and' or the end, found '" + rest() + "'");
                }
                out.add(condition());
            }
        }

        private Condition condition() {
            skipSpaces();
            String field = path();
            skipSpaces();
            boolean equal;
            if (text.startsWith("==", pos)) {
                equal = true;
            } else if (text.startsWith("!=", pos)) {
                equal = false;
            } else if (pos >= text.length()) {
                throw error("expected == or != after " + field + ", found the end");
            } else {
                throw error("expected == or != after " + field + ", found '" + rest() + "'");
            }
            pos += 2;
            skipSpaces();
            return value(field, equal);
        }

        private String path() {
            int start = pos;
            while (true) {
                if (pos >= text.length() || !Character.isJavaIdentifierStart(text.charAt(pos))) {
                    throw error(pos == start ? "expected a field name, found " + found() : "expected a field name after '.'");
                }
                while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                    pos++;
                }
                if (pos < text.length() && text.charAt(pos) == '.') {
                    pos++;
                } else {
                    return text.substring(start, pos);
                }
            }
        }

        private Condition value(String field, boolean equal) {
            if (pos >= text.length()) {
                throw error("expected a value after " + (equal ? "==" : "!=") + ", found the end");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                return new Condition(field, equal, ValueType.STRING, quoted(c));
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "&|=!()".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (word.isEmpty()) {
                throw error("expected a value, found " + found());
            }
            if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
                return new Condition(field, equal, ValueType.BOOLEAN, word.toLowerCase(java.util.Locale.ROOT));
            }
            if (word.equalsIgnoreCase("null")) {
                return new Condition(field, equal, ValueType.NULL, "null");
            }
            if (word.matches("[+-]?\\d+(\\.\\d+)?")) {
                return new Condition(field, equal, ValueType.NUMBER, new BigDecimal(word).toPlainString());
            }
            return new Condition(field, equal, ValueType.STRING, word);
        }

        private String quoted(char quote) {
            int start = pos;
            pos++;
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    out.append(text.charAt(pos++));
                } else if (c == quote) {
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            pos = start;
            throw error("the string starting here has no closing " + quote);
        }

        private boolean wordAhead(String word) {
            int end = pos + word.length();
            return text.regionMatches(true, pos, word, 0, word.length())
                    && (end >= text.length() || !Character.isJavaIdentifierPart(text.charAt(end)));
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private String rest() {
            String r = text.substring(pos);
            return r.length() > 20 ? r.substring(0, 20) + "..." : r;
        }

        private String found() {
            return pos >= text.length() ? "the end" : "'" + rest() + "'";
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("filter \"" + text + "\" at position " + (pos + 1) + ": " + problem);
        }
    }

    static RecordFilter requireNonNullOrAll(RecordFilter f) {
        return Objects.requireNonNullElse(f, ALL);
    }
}
