package io.tolk.api;

/**
 * Where an incremental read resumes: an opaque value only the connector that made it understands
 * (a high-water mark, a token, a timestamp with an overlap). The engine stores it durably and hands it back
 * unchanged, and persists a new one only after the records read up to it are durably staged.
 *
 * @param value the connector's encoding; {@code null} for {@link #NONE}
 */
public record Checkpoint(String value) {
    /** No previous read: an incremental read from here reads everything. */
    public static final Checkpoint NONE = new Checkpoint(null);

    public boolean isNone() {
        return value == null;
    }
}
