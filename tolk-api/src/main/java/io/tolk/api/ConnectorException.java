package io.tolk.api;

/**
 * A connector operation failed as a whole. The message names the system, the operation and, where there is one,
 * the record and field; it never contains a secret.
 */
public class ConnectorException extends RuntimeException {

    private final ErrorKind kind;
    private final String system;

    public ConnectorException(ErrorKind kind, String system, String message, Throwable cause) {
        super(system + ": " + message, cause);
        this.kind = kind;
        this.system = system;
    }

    public ConnectorException(ErrorKind kind, String system, String message) {
        this(kind, system, message, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String system() {
        return system;
    }
}
