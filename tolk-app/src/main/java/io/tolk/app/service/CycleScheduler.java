package io.tolk.app.service;

import java.time.Duration;
import java.util.List;

/**
 * Decides when each connection's next cycle runs, and runs it. Each connection is scheduled on its own: a slow or
 * failing connection never delays another. A connection's cycles never overlap each other. The local implementation
 * ({@link LocalScheduler}) keeps the schedule in memory; a cluster implementation keeps it where all workers see it.
 */
public interface CycleScheduler extends AutoCloseable {

    /** A connection to schedule: one cycle every {@code interval}, counted from the end of the previous one. */
    record Scheduled(String connection, Duration interval) {
    }

    /** Why a cycle runs. */
    enum Trigger {
        /** Its interval has passed: a full cycle. */
        SCHEDULE,
        /** Someone asked for it now (the admin API, a resume): a full cycle. */
        REQUESTED,
        /** A system notified changed records: a small cycle of those records only. */
        NOTIFIED
    }

    /** Runs one cycle of a connection. */
    @FunctionalInterface
    interface CycleRunner {
        /**
         * Runs one cycle; returns when it is over and never throws.
         *
         * @param notified records notified to the connection that this process did not receive itself (a cluster's
         *                 {@link #inbox()}): handed to the engine before the cycle starts; empty in one process
         * @return whether the cycle ran to its end and synced the notified records it had (false: it did not run,
         *         failed or was stopped, and the records must wait for another cycle)
         */
        boolean runCycle(String connection, Trigger trigger, java.util.Collection<io.tolk.engine.ChangeQueue.Notice> notified);
    }

    /**
     * Where the records of a verified callback wait: empty (the default) when the service hands them to the
     * connection's engine at once, because this process runs all its cycles; a cluster's shared store, from which the
     * worker that runs the connection next takes them (and hands them to {@link CycleRunner#runCycle}).
     */
    default java.util.Optional<NoticeInbox> inbox() {
        return java.util.Optional.empty();
    }

    /** Starts scheduling: every connection's first cycle is due at once. Called once. */
    void start(List<Scheduled> connections, CycleRunner runner);

    /**
     * Schedules one more connection after {@link #start} (a connection file added while tolk runs): its first cycle
     * is due at once.
     *
     * @throws IllegalArgumentException when the connection is scheduled already
     */
    void add(Scheduled connection);

    /**
     * Schedules the connection no more. A cycle of it in progress finishes (the caller has asked it to stop through
     * its engine); waits up to {@code grace} for that and returns whether it ended. Unknown connections: true.
     */
    boolean remove(String connection, Duration grace);

    /**
     * When the connection's cycle in progress must send nothing more, besides the service's own stop: a cluster worker
     * that lost its claim of the connection. Asked before every write call. None by default.
     */
    default io.tolk.engine.StopSignal fence(String connection) {
        return io.tolk.engine.StopSignal.NEVER;
    }

    /**
     * The claim the connection's cycle on this process runs under, in words ({@code w2@17}: worker and generation),
     * or {@code null} when claims are not this scheduler's business. A cycle's lock carries it, and the store logs every
     * commit of the cycle with it (see {@code SyncEngine#claimedBy}). None by default.
     */
    default String claim(String connection) {
        return null;
    }

    /** The connection's next cycle is due now (after the one in progress, if any). Returns at once. */
    void triggerNow(String connection);

    /**
     * The connection has notified records waiting: a small cycle runs as soon as the connection is idle (a full cycle
     * in progress takes them itself). Returns at once.
     */
    void notified(String connection);

    /**
     * Starts no more cycles, and waits up to {@code grace} for the ones in progress (which the caller has asked to
     * stop, through the engine's stop signal). Returns whether they all ended in time.
     */
    boolean stop(Duration grace);

    /** Stops without waiting. */
    @Override
    void close();
}
