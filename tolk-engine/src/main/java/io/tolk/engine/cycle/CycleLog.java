package io.tolk.engine.cycle;

import io.tolk.engine.mapping.Mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report of one cycle while it runs: every step's {@link Findings} are added here, each change is told to the
 * listener at once, and at most {@code limit} changes are kept (the counts stay exact), so memory does not grow with
 * the number of records. Owned by one cycle; not thread-safe.
 */
final class CycleLog {

    private final ChangeListener listener;
    private final int limit;
    private final List<Change> kept = new ArrayList<>();
    private final Map<ChangeKind, Long> kinds = new EnumMap<>(ChangeKind.class);
    private final Map<String, Count.Tally> counts = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Map<List<String>, Long> writes = new LinkedHashMap<>();
    private final Set<String> quotaSpent = new LinkedHashSet<>();

    CycleLog(Mapping mapping, ChangeListener listener, int limit) {
        this.listener = listener;
        this.limit = limit;
        mapping.flows().forEach(f -> counts.put(f.id(), new Count.Tally()));
    }

    void add(Findings f) {
        for (Change c : f.changes) {
            kinds.merge(c.kind(), 1L, Long::sum);
            if (c.kind().writes()) {
                writes.merge(List.of(c.targetSystem(), c.targetType(), c.kind().name()), 1L, Long::sum);
            }
            if (kept.size() < limit) {
                kept.add(c);
            }
            listener.changed(c);
        }
        f.counts.forEach((flow, t) -> {
            Count.Tally mine = counts.get(flow);
            if (mine != null) {
                for (Count c : Count.values()) {
                    mine.add(c, t.get(c));
                }
            }
        });
        warnings.addAll(f.warnings);
        quotaSpent.addAll(f.quotaWaits.keySet());
    }

    /** Whether some system ran out of quota (credits) in this cycle. */
    boolean waitingForQuota() {
        return !quotaSpent.isEmpty();
    }

    void set(String flowId, Count which, long n) {
        Count.Tally t = counts.get(flowId);
        if (t != null) {
            t.set(which, n);
        }
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    boolean any(ChangeKind kind) {
        return kinds.getOrDefault(kind, 0L) > 0;
    }

    Map<ChangeKind, Long> kinds() {
        return Map.copyOf(kinds);
    }

    /** How many records each kind of write touches, per system and type. */
    List<CycleReport.WriteTally> writeTallies() {
        List<CycleReport.WriteTally> out = new ArrayList<>();
        writes.forEach((k, n) -> out.add(new CycleReport.WriteTally(k.get(0), k.get(1), ChangeKind.valueOf(k.get(2)), n)));
        return out;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Flow id → counts, in flow order. */
    Map<String, FlowCounts> flows() {
        Map<String, FlowCounts> out = new LinkedHashMap<>();
        counts.forEach((flow, t) -> out.put(flow, t.toFlowCounts()));
        return out;
    }

    /** The run record's named counts: {@code F1.read}, {@code F1.created}, ... */
    Map<String, Long> runCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((flow, t) -> {
            for (Count which : Count.values()) {
                out.put(flow + "." + which.key(), t.get(which));
            }
        });
        return out;
    }

    /** The kept changes in a stable order: by kind, flow, target, source. */
    List<Change> changes() {
        List<Change> ordered = new ArrayList<>(kept);
        ordered.sort(Comparator.comparing((Change c) -> c.kind().ordinal())
                .thenComparing(c -> String.valueOf(c.flowId()))
                .thenComparing(c -> c.target() != null ? c.target().toString() : "")
                .thenComparing(c -> c.source() != null ? c.source().toString() : ""));
        return ordered;
    }
}
