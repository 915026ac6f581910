package io.tolk.api;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reads one record type (or one {@link ReadStream}) of one system. Every read streams page by page into a
 * {@link PageSink}; no implementation holds the whole data set in memory.
 *
 * <p>{@code fields} names the field paths the caller needs (the connector may return more, e.g. ids and
 * timestamps it needs itself). Reads retry transient failures (429, 5xx, timeouts) within their own bounds and
 * then throw {@link ConnectorException}.
 */
public interface RecordReader {

    /**
     * Reads every record of the type. A record inserted or changed during the scan may or may not be seen,
     * but no record that existed throughout the scan is skipped, even when the system pages live.
     * The summary is {@link ReadSummary#complete()} when the scan ran to the end.
     */
    ReadSummary readAll(Set<String> fields, PageSink sink);

    /**
     * Reads what changed since {@code since}. Records may be delivered again (an overlap window guards the
     * system's clock resolution and time zones), but none changed after {@code since} is missed. Where the system
     * cannot detect every change cheaply and accurately, this is a full scan and says so with {@code complete}
     * (and {@link #changeDetection()} is {@link ChangeDetection#FULL_SCAN}). {@link Checkpoint#NONE} reads everything.
     */
    ReadSummary readChanges(Checkpoint since, Set<String> fields, PageSink sink);

    /**
     * Reads the given records. Ids the system answers "not found" for are absent from the result: that is the
     * confirmation a deletion needs, and nothing else makes a record absent. A record that still exists but is now of
     * another type of the same connector (a PowerOffice customer whose {@code IsPerson} changed) is returned under the
     * type it has now, so its {@code ref().type()} differs from this reader's: it was not deleted, it moved.
     * Any other failure throws.
     */
    List<SourceRecord> readByIds(Collection<String> ids, Set<String> fields);

    /** Whether {@link #readChanges} reads only the changes or everything (the default: only the changes). */
    default ChangeDetection changeDetection() {
        return ChangeDetection.INCREMENTAL;
    }
}
