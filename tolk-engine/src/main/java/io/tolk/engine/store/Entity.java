package io.tolk.engine.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One canonical thing (an organization, a person) that records in several systems stand for.
 *
 * @param id            the engine's id (a UUID string)
 * @param canonicalType the canonical type's key: {@code "organization"} or {@code "person"}
 * @param flowId        the flow whose records are its members ({@code F1}, {@code F2}, {@code F3})
 * @param baseline      canonical property to the value all members last agreed on ({@code null} values kept);
 *                      empty before the first agreement
 * @param forced        canonical property to a value the user chose (a restored conflict loser), applied by the next
 *                      cycle as if it had been edited everywhere, then cleared
 * @param createdAt     when the entity was created
 * @param updatedAt     when its baseline last changed
 */
public record Entity(String id, String canonicalType, String flowId, Map<String, String> baseline,
                     Map<String, String> forced, Instant createdAt, Instant updatedAt) {
    public Entity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(canonicalType, "canonicalType");
        Objects.requireNonNull(flowId, "flowId");
        baseline = FieldMaps.copy(baseline);
        forced = FieldMaps.copy(forced);
    }

    public Entity withBaseline(Map<String, String> newBaseline, Map<String, String> newForced, Instant at) {
        return new Entity(id, canonicalType, flowId, newBaseline, newForced, createdAt, at);
    }
}
