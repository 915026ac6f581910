package io.tolk.engine;

import io.tolk.api.RecordRef;
import io.tolk.api.WriteOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records a system said changed (its notifications), waiting to be synced. Thread-safe: callbacks add from the web
 * server's threads while a cycle drains. A record notified twice before it is drained is kept once, with its latest
 * notice. In memory only: a notice lost in a crash is found by the next full cycle's read (polling stays on).
 */
public final class ChangeQueue {

    /**
     * One notified record.
     *
     * @param ref        the record
     * @param operation  what the system said happened
     * @param serverTime when the system sent the notice
     * @param receivedAt when tolk received it (for the notification lag)
     * @param fields     the record's values the notice carried (as the connector reads them), or null
     */
    public record Notice(RecordRef ref, WriteOperation operation, Instant serverTime, Instant receivedAt,
                         Map<String, String> fields) {

        /** A notice without values. */
        public Notice(RecordRef ref, WriteOperation operation, Instant serverTime, Instant receivedAt) {
            this(ref, operation, serverTime, receivedAt, null);
        }
    }

    private final Map<RecordRef, Notice> waiting = new LinkedHashMap<>();
    private final AtomicLong ownWrites = new AtomicLong();
    private final AtomicLong read = new AtomicLong();

    public synchronized void add(Collection<Notice> notices) {
        for (Notice n : notices) {
            waiting.remove(n.ref());
            waiting.put(n.ref(), n);
        }
    }

    /** Takes every waiting notice, oldest first. */
    public synchronized List<Notice> drain() {
        List<Notice> out = new ArrayList<>(waiting.values());
        waiting.clear();
        return out;
    }

    public synchronized boolean isEmpty() {
        return waiting.isEmpty();
    }

    public synchronized int size() {
        return waiting.size();
    }

    /** When the oldest waiting notice was received. */
    public synchronized Optional<Instant> oldest() {
        return waiting.values().stream().map(Notice::receivedAt).min(Instant::compareTo);
    }

    /** Notices recognised as tolk's own writes coming back, which cost no read. */
    public long ownWrites() {
        return ownWrites.get();
    }

    /** Notified records that were read again. */
    public long read() {
        return read.get();
    }

    /** Counts what a cycle did with drained notices. */
    public void counted(long ownWritesSkipped, long recordsRead) {
        ownWrites.addAndGet(ownWritesSkipped);
        read.addAndGet(recordsRead);
    }
}
