package io.tolk.engine.store;

/** Whether a linked record still exists in its system, and whether it takes part in sync. */
public enum LinkState {
    /** The record exists and takes part in sync. */
    ACTIVE,
    /**
     * The record was deleted in its own system (confirmed by a complete scan plus a "not found" lookup, or by the
     * system's deleted feed). Nothing is written to it and its partner is not re-created; if the same id comes back
     * (from a recycle bin) the link becomes {@link #ACTIVE} again.
     */
    DELETED_IN_SOURCE,
    /**
     * The record exists but no longer passes its flow's filter: the link is kept, nothing is synced in either
     * direction and the record is not examined again until it changes; once it passes again the link becomes
     * {@link #ACTIVE}.
     */
    FILTERED_OUT
}
