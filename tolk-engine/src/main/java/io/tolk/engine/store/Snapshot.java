package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record as last read from its system ("staged"), with the hash of its content.
 *
 * <p>Staging is durable before the record is acted on: {@code processed} is {@code false} until the cycle has
 * committed everything the record's content required (writes done, baseline committed). A record read again with the
 * same hash and {@code processed == true} needs no work; the same hash with {@code processed == false} means an
 * earlier cycle stopped before finishing it, and it is processed again.
 *
 * @param ref                 the record
 * @param hash                content hash of {@code fields}, {@code modifiedAt} and {@code fieldModifiedAt}
 * @param fields              field path to raw value ({@code null} values kept)
 * @param modifiedAt          the record's modification instant as the system reported it (may be {@code null})
 * @param fieldModifiedAt     per-field modification instants where they differ from {@code modifiedAt}
 * @param processed           whether the cycle finished the work this content asked for
 * @param lastCompleteScanAt  start of the last complete scan that saw this record, {@code null} if none did
 */
public record Snapshot(RecordRef ref, String hash, Map<String, String> fields, Instant modifiedAt,
                       Map<String, Instant> fieldModifiedAt, boolean processed, Instant lastCompleteScanAt) {
    public Snapshot {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(hash, "hash");
        fields = FieldMaps.copy(fields);
        fieldModifiedAt = FieldMaps.copy(fieldModifiedAt);
    }

    public Snapshot withProcessed(boolean value) {
        return new Snapshot(ref, hash, fields, modifiedAt, fieldModifiedAt, value, lastCompleteScanAt);
    }

    public Snapshot withLastCompleteScanAt(Instant at) {
        return new Snapshot(ref, hash, fields, modifiedAt, fieldModifiedAt, processed, at);
    }
}
