package io.tolk.app.service;

import io.tolk.app.health.Health;
import io.tolk.app.wiring.EngineSession;
import java.util.List;
import java.util.Optional;

/**
 * What the admin API, the dashboard, metrics and alerts may see of, and ask from, a running service. Every method is
 * safe to call from any thread while cycles run; none of them blocks on a cycle.
 */
public interface ServiceControl {

    /** The connections served, in config order. */
    List<String> connections();

    /**
     * The connection's session, for read-only views (status, failures, conflicts, review queue, history) and for the
     * engine's decisions a person makes (retry, restore, link, unlink); those take effect in the next cycle.
     *
     * @throws IllegalArgumentException for an unknown connection name
     */
    EngineSession session(String connection);

    /** The connection's saved health now. */
    Health health(String connection);

    /** What the connection is doing right now: its cycle in progress (with its progress), or empty when idle. */
    Optional<RunningCycle> running(String connection);

    /**
     * Asks for a cycle of the connection as soon as possible (after the one in progress, when one runs). Returns at
     * once; a paused connection is not run until resumed.
     */
    void triggerNow(String connection);

    /** Stops scheduling the connection's cycles (a cycle in progress finishes); survives until {@link #resume}. */
    void pause(String connection);

    void resume(String connection);

    boolean paused(String connection);

    /**
     * A cycle in progress.
     *
     * @param startedAt when it started
     * @param phase     what it does now, e.g. {@code reading zoho/Accounts} or {@code writing}
     * @param done      units of the phase done so far
     * @param total     units of the phase in all, or -1 when not known
     */
    record RunningCycle(java.time.Instant startedAt, String phase, long done, long total) {
    }
}
