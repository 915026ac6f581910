package io.tolk.engine;

/**
 * One flow's state for {@code tolk status}.
 *
 * @param flowId      F1, F2, F3
 * @param title       e.g. {@code Customer ⇄ Organisation}
 * @param linked      entities with a record on both sides, neither deleted
 * @param inSync      of those, without a failure, with nothing left to process and passing the flow's filter
 * @param filteredOut of those, entities with a record that no longer passes the flow's filter (kept linked, not
 *                    synced until it passes again)
 * @param failing     records of the flow with a failure
 * @param conflicts   conflicts decided (not restored)
 * @param needsReview records waiting in the review queue
 */
public record FlowStatus(String flowId, String title, long linked, long inSync, long filteredOut, long failing,
                         long conflicts, long needsReview) {
}
