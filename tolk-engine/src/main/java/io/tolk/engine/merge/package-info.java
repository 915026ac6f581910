/**
 * Rules 1 and 2 of the dataflow: fan-in within one record ({@link io.tolk.engine.merge.FanIn}), then the three-way
 * merge across systems per canonical property against the baseline, with conflicts decided by modification instant
 * (ties within the coarser clock resolution go to {@link io.tolk.engine.merge.TieWinner}) and directions overriding
 * ({@link io.tolk.engine.merge.EntityMerger}). Pure functions: no store, no connectors.
 */
package io.tolk.engine.merge;
