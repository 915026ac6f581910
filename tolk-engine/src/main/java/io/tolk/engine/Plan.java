package io.tolk.engine;

import io.tolk.engine.cycle.Change;
import io.tolk.engine.cycle.CycleReport;

import java.util.List;
import java.util.Map;

/**
 * What one cycle would do ({@code tolk plan}): the same decisions a real cycle makes, none of them applied.
 *
 * @param report  the dry run's report ({@link CycleReport#dryRun()} is {@code true}, {@code runId} is 0)
 * @param credits per system that charges credits, what the cycle would cost: the reads the plan made plus the planned
 *                writes in the batches they would be sent in (systems that charge none are absent)
 */
public record Plan(CycleReport report, Map<String, Long> credits) {

    public Plan {
        credits = Map.copyOf(credits);
    }

    /** Every decision kept: links, creates, updates (field by field, with direction), deletes, reviews, failures, conflicts. */
    public List<Change> changes() {
        return report.changes();
    }

    /** Only the writes to the systems (creates, updates, deletes). */
    public List<Change> writes() {
        return report.writes();
    }

    public boolean isEmpty() {
        return report.kinds().values().stream().allMatch(n -> n == 0);
    }
}
