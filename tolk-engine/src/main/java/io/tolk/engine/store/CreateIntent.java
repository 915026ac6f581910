package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A create tolk is about to make, stored durably BEFORE the call so an unknown outcome can be resolved by looking the
 * record up instead of creating it twice (rule 4).
 *
 * @param key       the idempotency key (also the {@code CreateRequest} key): at most 50 of {@code [A-Za-z0-9-]}
 * @param source    the record whose partner is being created
 * @param system    the system the record is created in
 * @param type      the record type created
 * @param entityId  the entity the new record will join
 * @param fields    field path to the value sent
 * @param createdAt when the intent was stored (records created at or after it are candidates for the lookup)
 * @param state     where it stands
 * @param resultId  the created record's id once {@link IntentState#DONE}, else {@code null}
 */
public record CreateIntent(String key, RecordRef source, String system, String type, String entityId,
                           Map<String, String> fields, Instant createdAt, IntentState state, String resultId) {
    public CreateIntent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        fields = FieldMaps.copy(fields);
    }

    public CreateIntent with(IntentState newState, String newResultId) {
        return new CreateIntent(key, source, system, type, entityId, fields, createdAt, newState, newResultId);
    }
}
