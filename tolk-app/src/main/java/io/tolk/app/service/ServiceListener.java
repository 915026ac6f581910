package io.tolk.app.service;

import io.tolk.app.health.Health;

/**
 * Told what the service's cycles do: the log lines of {@code tolk run}, metrics, alerts. Called on the connection's
 * cycle thread; must not block for long (send slow work elsewhere) and should not throw (a listener that throws is
 * skipped for that event, the service goes on).
 */
public interface ServiceListener {

    /** A connection was added while the service runs (its file appeared in the connections folder). */
    default void connectionAdded(String connection) {
    }

    /** A connection was removed while the service runs; its cycles have ended. */
    default void connectionRemoved(String connection) {
    }

    /** A cycle of the connection starts. */
    default void cycleStarted(String connection) {
    }

    /** Progress of the cycle in progress (as the engine reports it: reading, writing). */
    default void progress(String connection, String phase, long done, long total) {
    }

    /** Notified records were synced, {@code lag} after the oldest notice of them arrived. */
    default void notificationsSynced(String connection, java.time.Duration lag) {
    }

    /** A cycle of the connection ended; {@code health} is the connection's health right after it. */
    void cycleEnded(CycleResult result, Health health);
}
