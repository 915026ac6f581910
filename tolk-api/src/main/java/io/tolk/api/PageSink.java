package io.tolk.api;

import java.util.List;

/**
 * Receives records page by page during a read. The reader does not request the next page until
 * {@link #accept} returns, so the consumer controls memory. A runtime exception thrown here aborts the read and
 * propagates to the caller unchanged.
 */
@FunctionalInterface
public interface PageSink {
    void accept(List<SourceRecord> page);
}
