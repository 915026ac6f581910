package io.tolk.engine;

/** Another process holds the connection's cycle lock (a {@code tolk run} service, another {@code tolk sync}). */
public class EngineBusyException extends IllegalStateException {

    public EngineBusyException(String connection) {
        this(connection, null);
    }

    /** @param holder who holds it, in words ("process 1234 on host-a"), or {@code null} */
    public EngineBusyException(String connection, String holder) {
        super("connection '" + connection + "' is being synced by another tolk process"
                + (holder == null ? "" : " (" + holder + ")") + "; try again when it has finished");
    }
}
