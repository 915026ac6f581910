package io.tolk.api;

/**
 * Where an incremental read (or a deleted feed) resumes: an opaque value only the connector that made it reads (a
 * high-water mark, a token, a timestamp with an overlap). The engine stores it durably under its stream and hands it
 * back unchanged; it never looks inside. A new checkpoint is stored only once the records read up to it are durably
 * staged.
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
