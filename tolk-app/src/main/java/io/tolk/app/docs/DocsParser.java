package io.tolk.app.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Markdown QA checklist back into rows: each {@code ## F1 ...} heading starts a flow (its id is the heading's
 * first word), and each table under it gives rows, its columns found by header (the one naming PowerOffice, the one
 * naming Zoho, and {@code type}). Other text is ignored. Used to check that {@code tolk docs} says what the mapping does.
 */
public final class DocsParser {

    private DocsParser() {
    }

    /**
     * @throws IllegalArgumentException if a table in a flow section lacks a PowerOffice, Zoho or type column
     */
    public static List<DocsRow> parseMarkdown(String markdown) {
        List<DocsRow> rows = new ArrayList<>();
        String flow = null;
        int[] columns = null;
        int lineNo = 0;
        for (String line : markdown.split("\\R")) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.startsWith("## ")) {
                String[] words = trimmed.substring(3).strip().split("\\s+");
                flow = words.length == 0 ? null : words[0];
                columns = null;
            } else if (!trimmed.startsWith("|")) {
                columns = null;
            } else if (flow != null) {
                List<String> cells = cells(trimmed);
                if (columns == null) {
                    columns = columns(cells, lineNo);
                } else if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                    rows.add(new DocsRow(flow, cell(cells, columns[0]), cell(cells, columns[1]), cell(cells, columns[2])));
                }
            }
        }
        return rows;
    }

    private static int[] columns(List<String> header, int lineNo) {
        int po = -1;
        int zoho = -1;
        int type = -1;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).toLowerCase(Locale.ROOT);
            if (po < 0 && h.contains("poweroffice")) {
                po = i;
            } else if (zoho < 0 && h.contains("zoho")) {
                zoho = i;
            } else if (type < 0 && h.equals("type")) {
                type = i;
            }
        }
        if (po < 0 || zoho < 0 || type < 0) {
            throw new IllegalArgumentException("line " + lineNo + ": a checklist table needs a PowerOffice, a Zoho and a type column; found "
                    + header);
        }
        return new int[] {po, zoho, type};
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        List<String> out = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            out.add(cell.strip().replace("`", ""));
        }
        return out;
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : "";
    }
}
