package io.tolk.engine.store;

/** Where a write intent stands. */
public enum IntentState {
    /** Stored before the write call; the outcome is not known yet (or was lost in a crash or a cut connection). */
    PENDING,
    /**
     * The write was applied and is recorded: a create's record exists (created, or found by
     * {@code RecordWriter.findCreated}) and is linked; an update's or delete's answer came, or a read after a lost
     * answer showed it applied.
     */
    DONE,
    /** The system refused it, or a look at the system proved it was never applied: the normal plan may write again. */
    FAILED
}
