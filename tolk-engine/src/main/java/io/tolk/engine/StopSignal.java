package io.tolk.engine;

/**
 * Whether the cycle should stop early (a person pressed Ctrl-C, the service is shutting down). A cycle asks between
 * pages while it reads and before each write call it would send (and, where a system takes one record per HTTP
 * request, before each such request); once asked for, it sends nothing more, records
 * every answer of the calls already sent, and ends with the outcome {@code interrupted}. The records it did not get
 * to stay due, so the next cycle carries on from there. Must be cheap and thread-safe (write threads ask too).
 */
@FunctionalInterface
public interface StopSignal {

    /** Never asks to stop. */
    StopSignal NEVER = () -> false;

    boolean requested();
}
