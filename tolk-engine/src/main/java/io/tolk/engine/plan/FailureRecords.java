package io.tolk.engine.plan;

import io.tolk.api.RecordRef;
import io.tolk.engine.policy.Backoff;
import io.tolk.engine.store.Failure;

import java.time.Instant;
import java.util.Objects;

/** How a failure is recorded again: one more attempt when the source did not change, a fresh count when it did. */
public final class FailureRecords {

    private FailureRecords() {
    }

    /**
     * @param old    the failure stored for the same record and target, or {@code null}
     * @param hash   the hash of the record's snapshot now, or {@code null}
     */
    public static Failure next(Failure old, RecordRef record, String target, String reason, String hash, Instant now,
                               Backoff backoff) {
        int attempts = old != null && Objects.equals(old.sourceHash(), hash) ? old.attempts() + 1 : 1;
        Instant first = old != null ? old.firstAt() : now;
        return new Failure(old == null ? 0 : old.id(), record, target, reason, attempts, first, now,
                backoff.next(now, attempts), hash);
    }
}
