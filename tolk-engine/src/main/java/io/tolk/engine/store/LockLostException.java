package io.tolk.engine.store;

/**
 * A write to a connection's state was refused because the process no longer holds the connection's cycle lock:
 * another process took the lock over (this one was paused, or lost the store, past its lease). Nothing of the refused
 * transaction was written; the process that holds the lock now carries on from the store as it was.
 */
public class LockLostException extends IllegalStateException {

    private final String holder;

    /**
     * @param connection the connection whose lock was lost
     * @param owner      the lock owner the write was fenced with
     * @param holder     who holds the lock now, or {@code null} when no one does
     */
    public LockLostException(String connection, String owner, String holder) {
        super("connection '" + connection + "': this process no longer holds the cycle lock ("
                + (holder == null ? "it was released" : "it was taken over by another process") + "), so its write was"
                + " refused and nothing of it was stored");
        this.holder = holder;
    }

    /** Who holds the lock now, or {@code null}. */
    public String holder() {
        return holder;
    }
}
