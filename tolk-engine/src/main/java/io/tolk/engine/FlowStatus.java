package io.tolk.engine;

/**
 * One flow's state for {@code tolk status}.
 *
 * @param flowId      F1, F2, F3
 * @param title       e.g. {@code CompanyCustomer ⇄ Accounts}
 * @param linked      entities with an active record on both sides
 * @param inSync      of those, without a failure and with nothing left to process
 * @param failing     records of the flow with a failure
 * @param conflicts   conflicts decided (not restored)
 * @param needsReview records waiting in the review queue
 */
public record FlowStatus(String flowId, String title, long linked, long inSync, long failing, long conflicts, long needsReview) {
}
