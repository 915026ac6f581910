package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ConnectionStore;
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
    private final ConnectionStore store;
    private final Mapping mapping;
    private final boolean dryRun;
    private final Instant now;
    private final List<Change> changes;
    private final Map<String, long[]> counts;
    private final Map<String, Checkpoint> nextCheckpoints;
    private final Clock clock;

    CycleFinish(CycleState state, Clock clock) {
        this.state = state;
        this.store = state.store;
        this.mapping = state.mapping;
        this.dryRun = state.dryRun;
        this.now = state.now;
        this.changes = state.changes;
        this.counts = state.counts;
        this.nextCheckpoints = state.nextCheckpoints;
        this.clock = clock;
    }

    CycleReport finish(Map<RecordRef, ReadAndStage.ReadResult> reads, Map<String, Long> callsBefore) {
        Map<String, Long> callsAfter = state.calls();
        Map<String, Long> apiCalls = new LinkedHashMap<>();
        callsAfter.forEach((k, v) -> apiCalls.put(k, v - callsBefore.getOrDefault(k, 0L)));
        Map<String, FlowCounts> flows = new LinkedHashMap<>();
        Map<String, Long> runCounts = new LinkedHashMap<>();
        String[] names = {"read", "created", "updated", "linked", "failed", "conflicts", "review", "deleted"};
        counts.forEach((flow, c) -> {
            flows.put(flow, new FlowCounts(c[READ], c[CREATED], c[UPDATED], c[LINKED], c[FAILED], c[CONFLICTS], c[REVIEW], c[DELETED]));
            for (int i = 0; i < names.length; i++) {
                runCounts.put(flow + "." + names[i], c[i]);
            }
        });
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing((Change c) -> c.kind().ordinal())
                .thenComparing(c -> String.valueOf(c.flowId()))
                .thenComparing(c -> c.target() != null ? c.target().toString() : "")
                .thenComparing(c -> c.source() != null ? c.source().toString() : ""));
        boolean failures = ordered.stream().anyMatch(c -> c.kind() == ChangeKind.FAILURE);
        String outcome = state.deletesHalted != null ? "deletes halted" : failures ? "failures" : "ok";
        Instant finished = clock.instant();
        long[] runId = {0};
        store.inTransaction(tx -> {
            nextCheckpoints.forEach((key, cp) -> {
                String[] parts = key.split("\u0000", 2);
                tx.putCheckpoint(parts[0], parts[1], cp);
            });
            tx.putMappingFingerprint(mapping.fingerprint());
            runId[0] = tx.addRun(new RunRecord(0, now, finished, runCounts, apiCalls, outcome)).id();
        });
        return new CycleReport(dryRun ? 0 : runId[0], dryRun, now, Duration.between(now, finished), flows, apiCalls,
                ordered, state.deletesHalted, outcome, List.copyOf(state.warnings));
    }
}
