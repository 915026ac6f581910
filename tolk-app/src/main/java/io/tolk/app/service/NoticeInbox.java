package io.tolk.app.service;

import io.tolk.engine.ChangeQueue;
import java.util.Collection;

/**
 * Where the records of a verified callback go to wait for the cycle that syncs them. In one process that is the
 * connection's engine (its in-memory {@link ChangeQueue}); in a cluster it is the shared store, because the worker that
 * received the callback is often not the one that runs the connection next ({@link CycleScheduler#inbox()}).
 */
@FunctionalInterface
public interface NoticeInbox {

    /**
     * Keeps the records for the connection's next cycle; a record notified again keeps only its latest notice.
     * Returns once they are kept (in a cluster: committed), so a trigger asked for afterwards finds them.
     */
    void put(String connection, Collection<ChangeQueue.Notice> notices);
}
