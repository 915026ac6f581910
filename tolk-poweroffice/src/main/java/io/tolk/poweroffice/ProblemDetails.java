package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An RFC 7807 error body as PowerOffice sends it ({@code title}/{@code detail}, read case-insensitively), or
 * whatever else came back, reduced to one message.
 */
record ProblemDetails(String title, String detail) {

    private static final java.util.regex.Pattern HTML_TITLE = java.util.regex.Pattern.compile(
            "<(?:title|h1)[^>]*>([^<]{1,200})<", java.util.regex.Pattern.CASE_INSENSITIVE);

    static ProblemDetails parse(byte[] body, ObjectMapper mapper) {
        if (body == null || body.length == 0) {
            return new ProblemDetails(null, null);
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject()) {
                String title = text(node, "title");
                String detail = text(node, "detail");
                if (title == null && detail == null) {
                    detail = text(node, "message"); // APIM's {"statusCode":429,"message":"..."}
                }
                return new ProblemDetails(title, detail);
            }
        } catch (Exception notJson) {
            // fall through: keep a short piece of the text
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        java.util.regex.Matcher html = HTML_TITLE.matcher(text);
        if (text.startsWith("<") && html.find()) {
            // a proxy's or gateway's error page: its title says what happened, its markup nothing
            return new ProblemDetails(null, "an HTML page: " + html.group(1).strip());
        }
        return new ProblemDetails(null, text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    private static String text(JsonNode node, String name) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    /** {@code title: detail}, or whichever of them there is, or {@code fallback}. */
    String message(String fallback) {
        if (title != null && detail != null) {
            return title + ": " + detail;
        }
        if (title != null) {
            return title;
        }
        return detail != null && !detail.isBlank() ? detail : fallback;
    }

    /**
     * The field path of {@code type} the detail names ({@code ExternalImportReference is already in use},
     * {@code path segment 'city'}, {@code MailAddress.ZipCode is required}), or {@code null}.
     */
    String fieldIn(PoType type) {
        String text = ((title == null ? "" : title) + " " + (detail == null ? "" : detail)).toLowerCase(Locale.ROOT);
        if (text.isBlank()) {
            return null;
        }
        List<String> paths = new ArrayList<>(type.fields().keySet());
        if (type.keyField != null) {
            paths.add(type.keyField);
        }
        paths.sort(Comparator.comparingInt(String::length).reversed());
        for (String path : paths) {
            String lower = path.toLowerCase(Locale.ROOT);
            if (text.contains(lower) || text.contains("/" + lower.replace('.', '/'))) {
                return path;
            }
        }
        for (String path : paths) {
            String leaf = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (Pattern.compile("(?<![a-z0-9])" + Pattern.quote(leaf) + "(?![a-z0-9])").matcher(text).find()) {
                return path;
            }
        }
        return null;
    }
}
