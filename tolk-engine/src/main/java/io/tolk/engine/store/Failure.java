package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Objects;

/**
 * A record that could not be synced to a system, with a reason a person can act on. One per (record, target):
 * a later failure of the same pair replaces it (more attempts); success removes it.
 *
 * @param id          assigned by the store ({@code 0} before it is stored)
 * @param record      the record whose values could not be delivered (for a create: the source)
 * @param target      the system they were to reach (a system name)
 * @param reason      what went wrong, naming system, operation, record and field
 * @param attempts    how many cycles tried it
 * @param firstAt     first failure
 * @param lastAt      latest failure
 * @param nextRetryAt when it is due again (backoff); {@code tolk retry} sets it to now
 * @param sourceHash  the hash of the record's snapshot when it failed: a different hash means the source changed,
 *                    which supersedes the failure (it is retried at once)
 */
public record Failure(long id, RecordRef record, String target, String reason, int attempts, Instant firstAt,
                      Instant lastAt, Instant nextRetryAt, String sourceHash) {
    public Failure {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }

    public Failure withId(long newId) {
        return new Failure(newId, record, target, reason, attempts, firstAt, lastAt, nextRetryAt, sourceHash);
    }

    public Failure withNextRetryAt(Instant at) {
        return new Failure(id, record, target, reason, attempts, firstAt, lastAt, at, sourceHash);
    }
}
