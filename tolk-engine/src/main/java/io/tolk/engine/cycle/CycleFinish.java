package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.RunRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tolk.engine.cycle.CycleState.*;

/**
 * Finish: stores checkpoints, the mapping fingerprint and the run record last, and builds the cycle report.
 */
final class CycleFinish {

    private final CycleState state;
    private final Clock clock;

    CycleFinish(CycleState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    CycleReport finish(Map<RecordRef, ReadAndStage.ReadResult> reads, Map<String, Long> callsBefore) {
        Map<String, Long> callsAfter = state.calls();
        Map<String, Long> apiCalls = new LinkedHashMap<>();
        callsAfter.forEach((k, v) -> apiCalls.put(k, v - callsBefore.getOrDefault(k, 0L)));
        Map<String, FlowCounts> flows = new LinkedHashMap<>();
        Map<String, Long> runCounts = new LinkedHashMap<>();
        state.counts.forEach((flow, c) -> {
            flows.put(flow, c.toFlowCounts());
            for (Count which : Count.values()) {
                runCounts.put(flow + "." + which.key(), c.get(which));
            }
        });
        List<Change> ordered = new ArrayList<>(state.changes);
        ordered.sort(Comparator.comparing((Change c) -> c.kind().ordinal())
                .thenComparing(c -> String.valueOf(c.flowId()))
                .thenComparing(c -> c.target() != null ? c.target().toString() : "")
                .thenComparing(c -> c.source() != null ? c.source().toString() : ""));
        boolean failures = ordered.stream().anyMatch(c -> c.kind() == ChangeKind.FAILURE);
        String outcome = state.deletesHalted != null ? "deletes halted" : failures ? "failures" : "ok";
        Instant finished = clock.instant();
        long[] runId = {0};
        state.store.inTransaction(tx -> {
            state.nextCheckpoints.forEach((key, cp) -> {
                String[] parts = key.split("\u0000", 2);
                tx.putCheckpoint(parts[0], parts[1], cp);
            });
            tx.putMappingFingerprint(state.mapping.fingerprint());
            runId[0] = tx.addRun(new RunRecord(0, state.now, finished, runCounts, apiCalls, outcome)).id();
        });
        return new CycleReport(state.dryRun ? 0 : runId[0], state.dryRun, state.now, Duration.between(state.now, finished), flows, apiCalls,
                ordered, state.deletesHalted, outcome, List.copyOf(state.warnings));
    }
}
