/**
 * The sync cycle of one connection ({@link io.tolk.engine.cycle.SyncCycle}): read → stage → identify → merge → plan →
 * write → commit, its policies ({@link io.tolk.engine.cycle.SyncOptions}, {@link io.tolk.engine.cycle.DeletePolicy},
 * {@link io.tolk.engine.cycle.Backoff}), what it reports ({@link io.tolk.engine.cycle.CycleReport},
 * {@link io.tolk.engine.cycle.Change}), and the pieces of the dry run ({@link io.tolk.engine.cycle.DryRunConnector},
 * {@link io.tolk.engine.cycle.ScratchCopy}).
 */
package io.tolk.engine.cycle;
