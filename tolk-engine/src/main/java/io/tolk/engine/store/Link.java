package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record's membership in an entity, with what tolk knows about that record's agreed state.
 *
 * @param ref         the record
 * @param entityId    the entity it belongs to
 * @param state       whether it still exists
 * @param lastSeen    field path to the raw value the record held at the last sync (read back after tolk's own write,
 *                    else as read); rule 1 compares against it to know which field changed. Empty map = never synced
 *                    ("first sight"). {@code null} values kept.
 * @param lastWritten field path to the raw value tolk last sent to this record (empty if none); with
 *                    {@code writtenAt} it recognises tolk's own write coming back (rule 7)
 * @param writtenAt   the record's modification instant after tolk's last write (from the system's answer where it
 *                    gave one, else tolk's clock), {@code null} if tolk never wrote it. A later read whose
 *                    modification instant is older comes from a lagging replica and is not a user edit.
 * @param echo        what the next read of the record is expected to show after a write that was not read back
 * @param linkedAt    when the link was made
 */
public record Link(RecordRef ref, String entityId, LinkState state, Map<String, String> lastSeen,
                   Map<String, String> lastWritten, Instant writtenAt, EchoExpectation echo, Instant linkedAt) {
    public Link {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(echo, "echo");
        lastSeen = FieldMaps.copy(lastSeen);
        lastWritten = FieldMaps.copy(lastWritten);
    }

    /** A new active link that has never been synced. */
    public static Link fresh(RecordRef ref, String entityId, Instant at) {
        return new Link(ref, entityId, LinkState.ACTIVE, Map.of(), Map.of(), null, EchoExpectation.NONE, at);
    }

    /** Whether a read of the record is still expected to show tolk's last write. */
    public boolean echoPending() {
        return echo != EchoExpectation.NONE;
    }

    public Link withState(LinkState newState) {
        return new Link(ref, entityId, newState, lastSeen, lastWritten, writtenAt, echo, linkedAt);
    }

    public Link withEntity(String newEntityId) {
        return new Link(ref, newEntityId, state, lastSeen, lastWritten, writtenAt, echo, linkedAt);
    }

    public Link withLastSeen(Map<String, String> seen) {
        return new Link(ref, entityId, state, seen, lastWritten, writtenAt, echo, linkedAt);
    }

    public Link withWrite(Map<String, String> seen, Map<String, String> written, Instant at, EchoExpectation expectation) {
        return new Link(ref, entityId, state, seen, written, at, expectation, linkedAt);
    }
}
