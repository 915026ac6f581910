package io.tolk.app.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code tolk plan} printed, read back the way a person reads it: one entry per decision line
 * ({@code F1 update zoho/Accounts/123  [poweroffice → zoho]}) with the field lines under it
 * ({@code Phone: '1' -> '2'}). Only the shape a person sees is relied on; nothing of tolk's classes.
 */
final class PlanOutput {

    private static final Pattern HEAD = Pattern.compile(
            "^ {2}(?:(F\\d+) )?(link|create|update|delete|review|failure|conflict|deleted in source|restored|halted) (\\S+)(.*)$");
    private static final Pattern FIELD = Pattern.compile("^ {6}(\\S+): ((?:'.*')|\\(empty\\)) -> ((?:'.*')|\\(empty\\))$");

    /**
     * One decision.
     *
     * @param kind   {@code create}, {@code update}, {@code delete}, {@code link}...
     * @param target {@code zoho/Accounts/123}, or {@code zoho/Accounts} for a create
     * @param fields field → value written ({@code null} clears it)
     */
    record Entry(String flow, String kind, String target, String rest, Map<String, String> fields) {
        boolean writes() {
            return kind.equals("create") || kind.equals("update") || kind.equals("delete");
        }

        /** The system written ({@code zoho}, {@code poweroffice}). */
        String system() {
            return target.substring(0, target.indexOf('/'));
        }

        /** The record id of an update or delete. */
        String id() {
            return target.substring(target.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return (flow == null ? "" : flow + " ") + kind + " " + target + rest + " " + fields;
        }
    }

    private final String text;
    private final List<Entry> entries;

    private PlanOutput(String text, List<Entry> entries) {
        this.text = text;
        this.entries = entries;
    }

    static PlanOutput parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String flow = null;
        String kind = null;
        String target = null;
        String rest = null;
        Map<String, String> fields = null;
        for (String line : text.split("\\R")) {
            Matcher h = HEAD.matcher(line);
            Matcher f = FIELD.matcher(line);
            if (h.matches()) {
                if (kind != null) {
                    entries.add(new Entry(flow, kind, target, rest, fields));
                }
                flow = h.group(1);
                kind = h.group(2);
                target = h.group(3);
                rest = h.group(4);
                fields = new LinkedHashMap<>();
            } else if (f.matches() && fields != null) {
                String to = f.group(3);
                fields.put(f.group(1), to.equals("(empty)") ? null : to.substring(1, to.length() - 1));
            }
        }
        if (kind != null) {
            entries.add(new Entry(flow, kind, target, rest, fields));
        }
        return new PlanOutput(text, List.copyOf(entries));
    }

    List<Entry> entries() {
        return entries;
    }

    /** The creates, updates and deletes. */
    List<Entry> writes() {
        return entries.stream().filter(Entry::writes).toList();
    }

    List<Entry> writes(String kind, String system) {
        return writes().stream().filter(e -> e.kind().equals(kind) && e.system().equals(system)).toList();
    }

    /** The planned update of this record (exactly one), or an AssertionError. */
    Entry updateOf(String system, String type, String id) {
        List<Entry> hits = writes().stream()
                .filter(e -> e.kind().equals("update") && e.target().equals(system + "/" + type + "/" + id)).toList();
        if (hits.size() != 1) {
            throw new AssertionError("expected one planned update of " + system + "/" + type + "/" + id + ", found "
                    + hits.size() + " in:\n" + text);
        }
        return hits.get(0);
    }

    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
