/**
 * The sync cycle of one connection ({@link io.tolk.engine.cycle.SyncCycle}): read and stage, detect deletions, then
 * the dirty records chunk by chunk — load, decide ({@code io.tolk.engine.plan}), act ({@code Executor}, the only
 * writer) — and what it reports ({@link io.tolk.engine.cycle.CycleReport}, {@link io.tolk.engine.cycle.Change}). The
 * dry run is the same cycle over an overlay store and {@link io.tolk.engine.cycle.DryRunConnector}s.
 */
package io.tolk.engine.cycle;
