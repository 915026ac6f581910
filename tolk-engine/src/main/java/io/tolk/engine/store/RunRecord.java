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
 * @param counts     named counts, e.g. {@code F1.read}, {@code F1.created}, {@code failed}, {@code conflicts}
 * @param apiCalls   system to API calls made in the cycle
 * @param outcome    one line: {@code ok}, {@code failures}, {@code deletes halted: 25 > 20}, or the error that stopped it
 */
public record RunRecord(long id, Instant startedAt, Instant finishedAt, Map<String, Long> counts,
                        Map<String, Long> apiCalls, String outcome) {
    public RunRecord {
        Objects.requireNonNull(startedAt, "startedAt");
        counts = FieldMaps.copy(counts);
        apiCalls = FieldMaps.copy(apiCalls);
    }

    public RunRecord withId(long newId) {
        return new RunRecord(newId, startedAt, finishedAt, counts, apiCalls, outcome);
    }
}
