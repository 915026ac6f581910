/**
 * The Store SPI: tolk's durable state per connection — staged snapshots, entities with their baselines, links with
 * last-seen and last-written values, create intents, checkpoints, failures, conflicts, the review queue, activity and
 * run logs, the mapping fingerprint, and the per-connection cycle lock; and their housekeeping ({@link
 * io.tolk.engine.store.Retention}: what history is pruned, and what always stays).
 *
 * <p>{@link io.tolk.engine.store.Store} hands out one {@link io.tolk.engine.store.ConnectionStore} per connection;
 * {@link io.tolk.engine.store.InMemoryStore} implements it for tests and dry runs, {@code tolk-store} on JDBC. Every
 * implementation passes {@code io.tolk.engine.testing.StoreContractTest} (engine test-jar).
 */
package io.tolk.engine.store;
