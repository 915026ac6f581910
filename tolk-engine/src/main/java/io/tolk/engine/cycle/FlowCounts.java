package io.tolk.engine.cycle;

/**
 * What one cycle did in one flow.
 *
 * @param read      records read of the flow's types (an Account counts in F1 and F2)
 * @param created   records created
 * @param updated   records updated
 * @param linked    records linked by matching
 * @param failed    records that failed
 * @param conflicts conflicts decided
 * @param review    records waiting for review (all of them, not only new)
 * @param deleted   links marked deleted in source, and propagated deletions
 */
public record FlowCounts(long read, long created, long updated, long linked, long failed, long conflicts, long review,
                         long deleted) {
    public static final FlowCounts ZERO = new FlowCounts(0, 0, 0, 0, 0, 0, 0, 0);
}
