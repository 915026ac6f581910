package io.tolk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    private static final TypeReference<LinkedHashMap<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Long>> LONGS = new TypeReference<>() {
    };
    private static final TypeReference<List<List<String>>> REFS = new TypeReference<>() {
    };

    private Json() {
    }

    static String strings(Map<String, String> map) {
        return write(map);
    }

    static Map<String, String> strings(String json) {
        return read(json, STRINGS);
    }

    static String instants(Map<String, Instant> map) {
        Map<String, String> text = new LinkedHashMap<>();
        map.forEach((k, v) -> text.put(k, v == null ? null : v.toString()));
        return write(text);
    }

    static Map<String, Instant> instants(String json) {
        Map<String, Instant> result = new LinkedHashMap<>();
        read(json, STRINGS).forEach((k, v) -> result.put(k, v == null ? null : Instant.parse(v)));
        return result;
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
