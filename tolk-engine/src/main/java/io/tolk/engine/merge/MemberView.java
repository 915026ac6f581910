package io.tolk.engine.merge;

import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.TypeBinding;
import io.tolk.engine.store.FieldMaps;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One system's record of an entity, as the merge sees it.
 *
 * @param ref             the record
 * @param side            its type's binding within the flow
 * @param current         field path to raw value now (after setting aside a lagging replica's stale read)
 * @param lastSeen        field path to raw value at the last sync; empty = first sight
 * @param modifiedAt      the record's modification instant (may be {@code null})
 * @param fieldModifiedAt per-field instants where they differ from {@code modifiedAt}
 * @param resolution      the system's clock resolution
 */
public record MemberView(RecordRef ref, TypeBinding side, Map<String, String> current, Map<String, String> lastSeen,
                         Instant modifiedAt, Map<String, Instant> fieldModifiedAt, Duration resolution) {
    public MemberView {
        current = FieldMaps.copy(current);
        lastSeen = FieldMaps.copy(lastSeen);
        fieldModifiedAt = FieldMaps.copy(fieldModifiedAt);
    }

    public String system() {
        return ref.system();
    }

    public boolean firstSight() {
        return lastSeen.isEmpty();
    }

    /** When a field last changed, as far as the system tells. */
    public Instant modifiedAt(String field) {
        return fieldModifiedAt.getOrDefault(field, modifiedAt);
    }
}
