package io.tolk.api;

/** How a reader finds what changed ({@link RecordReader#changeDetection()}). */
public enum ChangeDetection {
    /**
     * {@link RecordReader#readChanges} returns only what changed since the checkpoint, and never misses a change: the
     * system's change feed is accurate. Deletions come from the {@link DeletedFeed}, if the system has one.
     */
    INCREMENTAL,
    /**
     * {@link RecordReader#readChanges} reads every record each time, because the system's change filter misses some
     * edits; the read is complete, so a record it no longer delivers may have been deleted.
     */
    FULL_SCAN
}
