package io.tolk.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A connector operation failed as a whole. The message names the system, the operation and, where there is one,
 * the record and field; it never contains a secret.
 */
public class ConnectorException extends RuntimeException {

    private final ErrorKind kind;
    private final String system;
    private final Instant retryAt;

    public ConnectorException(ErrorKind kind, String system, String message, Throwable cause, Instant retryAt) {
        super(system + ": " + message, cause);
        this.kind = kind;
        this.system = system;
        this.retryAt = retryAt;
    }

    public ConnectorException(ErrorKind kind, String system, String message, Throwable cause) {
        this(kind, system, message, cause, null);
    }

    public ConnectorException(ErrorKind kind, String system, String message) {
        this(kind, system, message, null, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String system() {
        return system;
    }

    /** When the call may succeed again, where the system says (a spent quota's refill); empty when unknown. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
