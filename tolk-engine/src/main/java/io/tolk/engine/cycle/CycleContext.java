package io.tolk.engine.cycle;

import io.tolk.engine.ChangeQueue;
import io.tolk.engine.ProgressListener;
import io.tolk.engine.StopSignal;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.policy.SyncOptions;
import io.tolk.engine.store.ConnectionStore;

import java.time.Instant;

/**
 * What every step of one cycle works with: the store (the only state), the connectors, the mapping, the options and
 * the cycle's instant. Immutable; the steps share it and nothing else.
 *
 * @param store    the connection's store (for a dry run: an overlay that keeps every change to itself)
 * @param systems  the connectors (for a dry run: connectors that read but never write)
 * @param mapping  the mapping
 * @param options  the policies
 * @param now      the cycle's instant
 * @param progress where long work reports progress
 * @param dryRun   whether this is {@code tolk plan}
 * @param stop     whether the cycle should stop early (asked between read pages, before each write call
 *                 and between the HTTP requests of one)
 * @param notified records a system notified as changed, synced between read pages and chunks
 */
record CycleContext(ConnectionStore store, Systems systems, Mapping mapping, SyncOptions options, Instant now,
                    ProgressListener progress, boolean dryRun, StopSignal stop, ChangeQueue notified) {

    MatchKeyer keyer() {
        return new MatchKeyer(mapping);
    }
}
