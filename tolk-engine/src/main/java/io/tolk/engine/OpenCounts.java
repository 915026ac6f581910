package io.tolk.engine;

/**
 * What waits on a person across a connection's mapped flows: the sums of {@link FlowStatus#failing()},
 * {@link FlowStatus#conflicts()} and {@link FlowStatus#needsReview()} over {@link SyncEngine#status()}'s flows, counted
 * without the status's tally of every link ({@link SyncEngine#openCounts()}).
 *
 * @param failing     records with a failure
 * @param conflicts   conflicts decided, not restored
 * @param needsReview records waiting in the review queue
 */
public record OpenCounts(long failing, long conflicts, long needsReview) {
}
