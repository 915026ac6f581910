package io.tolk.engine.cycle;

import io.tolk.engine.store.FieldMaps;
import io.tolk.engine.store.RunOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one cycle did, or (for a dry run) would do.
 *
 * @param runId         the run record's id in the store ({@code 0} for a dry run: nothing is stored)
 * @param dryRun        whether this was {@code tolk plan}
 * @param startedAt     start
 * @param duration      how long it took
 * @param flows         flow id to counts, in flow order
 * @param apiCalls      system to API calls made in the cycle (reads and writes)
 * @param changes       the decisions, in a stable order (links, creates, updates, deletes, then flags); at most the
 *                      options' report limit of them (see {@code kinds} for the exact numbers)
 * @param kinds         how many decisions of each kind the cycle made, all of them
 * @param writeTallies  how many records each kind of write touched, per system and type
 * @param deletesHalted why propagated deletions were held back, or {@code null}
 * @param outcome       how it ended
 * @param warnings      problems that did not stop the cycle, each naming the system and the reason (e.g. field rules
 *                      that could not be read, credits spent), for the summary and the log
 */
public record CycleReport(long runId, boolean dryRun, Instant startedAt, Duration duration, Map<String, FlowCounts> flows,
                          Map<String, Long> apiCalls, List<Change> changes, Map<ChangeKind, Long> kinds,
                          List<WriteTally> writeTallies, String deletesHalted, RunOutcome outcome, List<String> warnings) {
    public CycleReport {
        flows = FieldMaps.copy(flows);
        apiCalls = FieldMaps.copy(apiCalls);
        changes = List.copyOf(changes);
        kinds = Map.copyOf(kinds);
        writeTallies = List.copyOf(writeTallies);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** This report with more warnings at the end. */
    public CycleReport withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new CycleReport(runId, dryRun, startedAt, duration, flows, apiCalls, changes, kinds, writeTallies, deletesHalted,
                outcome, all);
    }

    /**
     * How many records one kind of write touched in one system's type.
     *
     * @param kind {@link ChangeKind#CREATE}, {@link ChangeKind#UPDATE} or {@link ChangeKind#DELETE}
     */
    public record WriteTally(String system, String type, ChangeKind kind, long records) {
    }

    /** The writes (creates, updates, deletes) kept in the report, in order. */
    public List<Change> writes() {
        return changes.stream().filter(c -> c.kind().writes()).toList();
    }

    public List<Change> changes(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    /** How many decisions of one kind the cycle made (all of them, not only those kept). */
    public long count(ChangeKind kind) {
        return kinds.getOrDefault(kind, 0L);
    }

    /** Sum of one count over all flows. */
    public long total(java.util.function.ToLongFunction<FlowCounts> count) {
        return flows.values().stream().mapToLong(count).sum();
    }

    /** Whether some record failed (the CLI exits 1). */
    public boolean hasFailures() {
        return count(ChangeKind.FAILURE) > 0;
    }
}
