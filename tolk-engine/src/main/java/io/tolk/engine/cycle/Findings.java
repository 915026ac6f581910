package io.tolk.engine.cycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one step of a cycle found out, for the report: the decisions and events it made, what it counted per flow,
 * and warnings. A step fills its own and returns it; the cycle adds it to its log. Not thread-safe.
 */
final class Findings {

    final List<Change> changes = new ArrayList<>();
    final Map<String, Count.Tally> counts = new LinkedHashMap<>();
    final Set<String> warnings = new LinkedHashSet<>();
    /** System → when its quota is expected back ({@code null}: not said), for systems that ran out of quota. */
    final Map<String, java.time.Instant> quotaWaits = new LinkedHashMap<>();

    Findings change(Change c) {
        changes.add(c);
        return this;
    }

    /** Counts {@code n} of {@code which} in the flow; nothing when the flow is unknown ({@code null}). */
    Findings count(String flowId, Count which, long n) {
        if (flowId != null && n != 0) {
            counts.computeIfAbsent(flowId, f -> new Count.Tally()).add(which, n);
        }
        return this;
    }

    Findings warn(String warning) {
        warnings.add(warning);
        return this;
    }

    /** {@code system} ran out of quota; writes to it wait until {@code until} ({@code null}: unknown). */
    Findings quotaSpent(String system, java.time.Instant until) {
        quotaWaits.putIfAbsent(system, until);
        return this;
    }

    Findings addAll(Findings other) {
        changes.addAll(other.changes);
        other.counts.forEach((flow, t) -> {
            for (Count c : Count.values()) {
                count(flow, c, t.get(c));
            }
        });
        warnings.addAll(other.warnings);
        other.quotaWaits.forEach(quotaWaits::putIfAbsent);
        return this;
    }
}
