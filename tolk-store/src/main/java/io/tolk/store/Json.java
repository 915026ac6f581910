package io.tolk.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON the store keeps in TEXT columns: value maps (order and {@code null} values kept), instant maps, counts, refs. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();
    private static final TypeReference<LinkedHashMap<String, Long>> LONGS = new TypeReference<>() {
    };
    private static final TypeReference<List<List<String>>> REFS = new TypeReference<>() {
    };

    private Json() {
    }

    // Value maps and instant maps are written and read for every record a cycle touches, so they go straight to and
    // from text with Jackson's streaming parser and string escaper instead of through data binding.

    static String strings(Map<String, String> map) {
        StringBuilder out = new StringBuilder(16 + map.size() * 24);
        out.append('{');
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quoted(out, e.getKey()).append(':');
            if (e.getValue() == null) {
                out.append("null");
            } else {
                quoted(out, e.getValue());
            }
        }
        return out.append('}').toString();
    }

    static Map<String, String> strings(String json) {
        Map<String, String> result = new LinkedHashMap<>();
        readObject(json, (key, value) -> result.put(key, value));
        return result;
    }

    static String instants(Map<String, Instant> map) {
        Map<String, String> text = new LinkedHashMap<>();
        Instant last = null;
        String lastText = null;
        for (Map.Entry<String, Instant> e : map.entrySet()) {
            Instant v = e.getValue();
            if (v != null && !v.equals(last)) {   // a record's fields mostly share one instant: format it once
                last = v;
                lastText = IsoInstants.format(v);
            }
            text.put(e.getKey(), v == null ? null : lastText);
        }
        return strings(text);
    }

    static Map<String, Instant> instants(String json) {
        Map<String, Instant> result = new LinkedHashMap<>();
        String[] lastText = {null};
        Instant[] last = {null};
        readObject(json, (key, value) -> {
            if (value != null && !value.equals(lastText[0])) {
                lastText[0] = value;
                last[0] = IsoInstants.parse(value);
            }
            result.put(key, value == null ? null : last[0]);
        });
        return result;
    }

    private static StringBuilder quoted(StringBuilder out, String text) {
        out.append('"');
        ESCAPER.quoteAsString(text, out);
        return out.append('"');
    }

    /** Calls {@code entry} for each member of a JSON object of strings and nulls, in order. */
    private static void readObject(String json, java.util.function.BiConsumer<String, String> entry) {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new StoreException("store: a stored value map is not a JSON object: " + abbreviate(json));
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    entry.accept(key, null);
                } else if (v.isScalarValue()) {
                    entry.accept(key, p.getText());
                } else {
                    throw new StoreException("store: a stored value map holds a nested value at '" + key + "'");
                }
            }
        } catch (java.io.IOException e) {
            throw new StoreException("store: a stored JSON value cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static String abbreviate(String v) {
        return v.length() > 60 ? v.substring(0, 60) + "…" : v;
    }

    static String longs(Map<String, Long> map) {
        return write(map);
    }

    static Map<String, Long> longs(String json) {
        return read(json, LONGS);
    }

    static String refs(List<RecordRef> refs) {
        List<List<String>> rows = new ArrayList<>();
        for (RecordRef r : refs) {
            rows.add(List.of(r.system(), r.type(), r.id()));
        }
        return write(rows);
    }

    static List<RecordRef> refs(String json) {
        List<RecordRef> result = new ArrayList<>();
        for (List<String> row : read(json, REFS)) {
            result.add(new RecordRef(row.get(0), row.get(1), row.get(2)));
        }
        return result;
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("store: cannot encode " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("store: a stored JSON value cannot be read (" + e.getOriginalMessage() + ")", e);
        }
    }
}
