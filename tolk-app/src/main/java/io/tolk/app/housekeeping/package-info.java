/**
 * Housekeeping: pruning the store's history by {@code housekeeping:} ({@link io.tolk.app.housekeeping.Housekeeping}),
 * which the service runs on a timer and {@code tolk prune} runs from a shell or cron.
 */
package io.tolk.app.housekeeping;
