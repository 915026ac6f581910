package io.tolk.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Changes to one existing record: only the fields to change. A {@code null} value clears the field.
 *
 * @param id     the system's id of the record
 * @param fields field path to new value
 */
public record UpdateRequest(String id, Map<String, String> fields) {
    public UpdateRequest {
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
