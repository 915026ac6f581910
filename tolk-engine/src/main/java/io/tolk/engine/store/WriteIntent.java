package io.tolk.engine.store;

import io.tolk.api.RecordRef;
import io.tolk.api.WriteOperation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A write tolk is about to make, stored durably BEFORE the call is sent, so that a write whose answer was lost (a
 * crash, a kill, a cut connection) is settled by looking at the system instead of being lost from tolk's history or
 * made twice (rule 4):
 * <ul>
 *   <li>{@link WriteOperation#CREATE}: the record is looked up ({@code RecordWriter.findCreated}) and linked if found;</li>
 *   <li>{@link WriteOperation#UPDATE}: {@link #targetId} is read back; if it holds {@link #fields}, the update is
 *       recorded as if its answer had come;</li>
 *   <li>{@link WriteOperation#DELETE}: {@link #targetId} is read back; if it is gone (or, for a retirement, holds the
 *       retiring {@link #fields}), the delete is recorded.</li>
 * </ul>
 * Anything else marks the intent {@link IntentState#FAILED} and the normal plan does the write again.
 *
 * @param key       unique among the connection's intents; for a create also the idempotency key of its
 *                  {@code CreateRequest}: at most 50 of {@code [A-Za-z0-9-]}
 * @param operation what the write does
 * @param source    the record whose values are written (for a delete: the partner whose deletion is propagated)
 * @param system    the system written to
 * @param type      the record type written
 * @param targetId  the id of the record updated or deleted; {@code null} for a create
 * @param entityId  the entity the written record belongs to (a create: will join)
 * @param fields    field path to the value sent; for a delete, the values that retire the record (empty: a real delete)
 * @param createdAt when the intent was stored (for a create, records created at or after it are candidates for the
 *                  lookup)
 * @param state     where it stands
 * @param resultId  the created record's id once a create is {@link IntentState#DONE}, else {@code null}
 */
public record WriteIntent(String key, WriteOperation operation, RecordRef source, String system, String type,
                          String targetId, String entityId, Map<String, String> fields, Instant createdAt,
                          IntentState state, String resultId) {
    public WriteIntent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        if ((operation == WriteOperation.CREATE) != (targetId == null)) {
            throw new IllegalArgumentException("a create has no target id, an update or delete has one: " + key);
        }
        fields = FieldMaps.copy(fields);
    }

    /** A create intent. */
    public WriteIntent(String key, RecordRef source, String system, String type, String entityId,
                       Map<String, String> fields, Instant createdAt, IntentState state, String resultId) {
        this(key, WriteOperation.CREATE, source, system, type, null, entityId, fields, createdAt, state, resultId);
    }

    /** A pending intent to update {@code target} with {@code sent}, the values of {@code source}. */
    public static WriteIntent update(String key, RecordRef source, RecordRef target, String entityId,
                                     Map<String, String> sent, Instant now) {
        return new WriteIntent(key, WriteOperation.UPDATE, source, target.system(), target.type(), target.id(), entityId,
                sent, now, IntentState.PENDING, null);
    }

    /** A pending intent to delete {@code target} (retiring it with {@code retire} when not empty). */
    public static WriteIntent delete(String key, RecordRef source, RecordRef target, String entityId,
                                     Map<String, String> retire, Instant now) {
        return new WriteIntent(key, WriteOperation.DELETE, source, target.system(), target.type(), target.id(), entityId,
                retire, now, IntentState.PENDING, null);
    }

    /** The record written: the target of an update or delete, the created record of a done create, else {@code null}. */
    public RecordRef target() {
        String id = targetId != null ? targetId : resultId;
        return id == null ? null : new RecordRef(system, type, id);
    }

    public WriteIntent with(IntentState newState, String newResultId) {
        return new WriteIntent(key, operation, source, system, type, targetId, entityId, fields, createdAt, newState,
                newResultId);
    }
}
