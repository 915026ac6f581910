package io.tolk.engine.store;

/** Where a create intent stands. */
public enum IntentState {
    /** Stored before the create call; the outcome is not known yet (or was lost in a crash or a cut connection). */
    PENDING,
    /** The record exists (created, or found by {@code RecordWriter.findCreated}) and is linked. */
    DONE,
    /** The system refused it, or a lookup proved it was never created: a new intent may be made. */
    FAILED
}
