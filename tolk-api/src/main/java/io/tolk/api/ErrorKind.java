package io.tolk.api;

/** How the engine should treat a failed write or read. */
public enum ErrorKind {
    /** Transient (429, 5xx, timeout after the connector's own retries): try again later, unchanged. */
    RETRYABLE,
    /** The system refused the record (validation, duplicate, missing field): retrying unchanged will fail again. */
    PERMANENT,
    /** The request may or may not have been applied (connection cut after sending). Look up before repeating. */
    UNKNOWN_OUTCOME,
    /** The record does not exist (any more). */
    NOT_FOUND,
    /**
     * The system's usage quota is spent (Zoho's API credits): nothing more can be sent to it until
     * {@link ConnectorException#retryAt()}. The rest of the work waits; it is not a failure of any record.
     */
    QUOTA,
    /** Credentials refused or system unreachable: nothing in this run will succeed. */
    UNAVAILABLE
}
