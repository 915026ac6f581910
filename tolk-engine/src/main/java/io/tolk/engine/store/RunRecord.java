package io.tolk.engine.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one cycle did.
 *
 * @param id         assigned by the store ({@code 0} before it is stored)
 * @param startedAt  start
 * @param finishedAt end
 * @param counts     named counts, e.g. {@code F1.read}, {@code F1.created}
 * @param apiCalls   system to API calls made in the cycle
 * @param outcome    how it ended
 * @param error      what stopped it, for {@link RunOutcome#FAILED}; else {@code null}
 */
public record RunRecord(long id, Instant startedAt, Instant finishedAt, Map<String, Long> counts,
                        Map<String, Long> apiCalls, RunOutcome outcome, String error) {
    public RunRecord {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
        counts = FieldMaps.copy(counts);
        apiCalls = FieldMaps.copy(apiCalls);
    }

    public RunRecord withId(long newId) {
        return new RunRecord(newId, startedAt, finishedAt, counts, apiCalls, outcome, error);
    }
}
