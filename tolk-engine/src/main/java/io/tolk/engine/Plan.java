package io.tolk.engine;

import io.tolk.engine.cycle.Change;
import io.tolk.engine.cycle.CycleReport;

import java.util.List;

/**
 * What one cycle would do ({@code tolk plan}): the same decisions a real cycle makes, none of them applied.
 *
 * @param report the dry run's report ({@link CycleReport#dryRun()} is {@code true}, {@code runId} is 0)
 */
public record Plan(CycleReport report) {

    /** Every decision: links, creates, updates (field by field, with direction), deletes, reviews, failures, conflicts. */
    public List<Change> changes() {
        return report.changes();
    }

    /** Only the writes to the systems (creates, updates, deletes). */
    public List<Change> writes() {
        return report.writes();
    }

    public boolean isEmpty() {
        return report.changes().isEmpty();
    }
}
