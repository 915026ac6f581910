package io.tolk.app.e2e;

import io.tolk.sim.common.FaultKind;
import io.tolk.sim.common.RequestLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a simulator's request log ({@code /__sim/requests}) says about a client's retries, seen from the server: two
 * requests with the same method, target and body are attempts of one call.
 *
 * @param violations  each way the client broke the rules, described: more failed attempts of one call in a row than
 *                    {@code maxAttempts}, or an attempt sooner than the {@code Retry-After} of the answer before it
 * @param faults      how many requests got each injected fault
 * @param honoured    how many Retry-After answers were followed by another attempt of the same call (that waited)
 * @param longestRun  the most failed attempts of one call in a row
 */
record RetryAudit(List<String> violations, Map<FaultKind, Integer> faults, int honoured, int longestRun) {

    /** Clock skew between the simulator's arrival stamps that still counts as having waited the Retry-After. */
    private static final Duration SLACK = Duration.ofMillis(50);

    static RetryAudit of(String system, List<RequestLog.Entry> log, int maxAttempts) {
        List<String> violations = new ArrayList<>();
        Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
        Map<String, Integer> failedInARow = new HashMap<>();
        Map<String, RequestLog.Entry> previous = new HashMap<>();
        int honoured = 0;
        int longest = 0;
        for (RequestLog.Entry e : log) {
            faults.merge(e.fault(), 1, Integer::sum);
            String call = e.callKey();
            RequestLog.Entry before = previous.put(call, e);
            if (before != null && before.retryAfter() != null) {
                Duration asked = Duration.ofSeconds(Long.parseLong(before.retryAfter().trim()));
                Duration waited = Duration.between(before.at(), e.at());
                if (waited.plus(SLACK).compareTo(asked) < 0) {
                    violations.add(system + ": " + e.method() + " " + e.target() + " was sent again after "
                            + waited.toMillis() + " ms, though the answer before said Retry-After: " + before.retryAfter());
                } else {
                    honoured++;
                }
            }
            int run = e.failed() ? failedInARow.merge(call, 1, Integer::sum) : 0;
            if (!e.failed()) {
                failedInARow.remove(call);
            }
            longest = Math.max(longest, run);
            if (run == maxAttempts + 1) {
                violations.add(system + ": " + e.method() + " " + e.target() + " failed " + run
                        + " times in a row: more attempts than the " + maxAttempts + " a call may have");
            }
        }
        return new RetryAudit(List.copyOf(violations), Map.copyOf(faults), honoured, longest);
    }

    int count(FaultKind kind) {
        return faults.getOrDefault(kind, 0);
    }

    /** Requests in the log. */
    int requests() {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Requests that got a fault. */
    int faulted() {
        return requests() - count(FaultKind.NONE);
    }
}
