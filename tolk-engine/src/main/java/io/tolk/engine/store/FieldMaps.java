package io.tolk.engine.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of value maps that keep {@code null} values (an empty field) and their order, unmodifiable. */
public final class FieldMaps {
    private FieldMaps() {
    }

    /** An unmodifiable copy that keeps {@code null} values; {@code null} becomes an empty map. */
    public static <V> Map<String, V> copy(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
