package io.tolk.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record as read from a system.
 *
 * @param ref             which record this is
 * @param fields          field path to value, as the system holds it; a {@code null} value means empty. Unmodifiable.
 * @param modifiedAt      the record's own modification instant as the system reports it
 * @param fieldModifiedAt fields whose modification instant is not {@code modifiedAt} (PowerOffice address fields carry
 *                        the address's own {@code LastChangedDateTimeOffset}); usually empty. Unmodifiable.
 */
public record SourceRecord(RecordRef ref, Map<String, String> fields, Instant modifiedAt, Map<String, Instant> fieldModifiedAt) {

    public SourceRecord {
        Objects.requireNonNull(ref, "ref");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
        fieldModifiedAt = fieldModifiedAt == null ? Map.of() : Map.copyOf(fieldModifiedAt);
    }

    public SourceRecord(RecordRef ref, Map<String, String> fields, Instant modifiedAt) {
        this(ref, fields, modifiedAt, Map.of());
    }

    public String id() {
        return ref.id();
    }

    /** The value at {@code path}, or {@code null} if empty or not read. */
    public String field(String path) {
        return fields.get(path);
    }

    /** When the given field last changed, as far as the system tells: its own instant if it has one, else the record's. */
    public Instant modifiedAt(String path) {
        return fieldModifiedAt.getOrDefault(path, modifiedAt);
    }
}
