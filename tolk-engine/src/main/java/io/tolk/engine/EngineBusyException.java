package io.tolk.engine;

/** Another process holds the connection's cycle lock (a {@code tolk run} service, another {@code tolk sync}). */
public class EngineBusyException extends IllegalStateException {
    public EngineBusyException(String connection) {
        super("connection '" + connection + "' is being synced by another tolk process; try again when it has finished");
    }
}
