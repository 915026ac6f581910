package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record as last read from its system ("staged"), with the hash of its content.
 *
 * <p>Staging is durable before the record is acted on: {@code processed} is {@code false} ("dirty") until the cycle has
 * committed everything the record's content required (writes done, baseline committed). A record read again with the
 * same hash and {@code processed == true} needs no work; a dirty record is worked on by the next cycle, whatever
 * stopped the last one.
 *
 * @param ref             the record
 * @param hash            content hash of {@code fields}, {@code modifiedAt} and {@code fieldModifiedAt}
 * @param fields          field path to raw value ({@code null} values kept)
 * @param modifiedAt      the record's modification instant as the system reported it (may be {@code null})
 * @param fieldModifiedAt per-field modification instants where they differ from {@code modifiedAt}
 * @param processed       whether the cycle finished the work this content asked for
 */
public record Snapshot(RecordRef ref, String hash, Map<String, String> fields, Instant modifiedAt,
                       Map<String, Instant> fieldModifiedAt, boolean processed) {
    public Snapshot {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(hash, "hash");
        fields = FieldMaps.copy(fields);
        fieldModifiedAt = FieldMaps.copy(fieldModifiedAt);
    }

    public Snapshot withProcessed(boolean value) {
        return new Snapshot(ref, hash, fields, modifiedAt, fieldModifiedAt, value);
    }

    /** The latest instant the record reports: its own, or a field's. */
    public Instant latestModifiedAt() {
        Instant max = modifiedAt;
        for (Instant i : fieldModifiedAt.values()) {
            if (i != null && (max == null || i.isAfter(max))) {
                max = i;
            }
        }
        return max;
    }
}
