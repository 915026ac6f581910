package io.tolk.zoho;

import io.tolk.api.Checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of an incremental read, and its encoding as a {@link Checkpoint}.
 *
 * <h2>The problem</h2>
 * Zoho reports {@code Modified_Time} in whole seconds, and {@code If-Modified-Since} filters by it. A read that ends
 * at second {@code H} cannot ask "after {@code H}" next time: a record changed later within that same second {@code H}
 * would carry {@code Modified_Time = H} and be missed. Asking "from {@code H}" instead delivers everything of second
 * {@code H} again, every cycle. And a change may become visible a little after a later one (a slow transaction), so
 * a reader that trusts its high-water mark to the second can miss it.
 *
 * <h2>The design: a re-read window plus the versions already delivered in it</h2>
 * <ul>
 *   <li>The <b>high-water mark</b> {@code H} is the latest {@code Modified_Time} delivered (as an instant, so the
 *       offsets of different users' time zones do not matter).</li>
 *   <li>The next read asks for records modified since {@link #since()} {@code = H - overlap - 1 s}: it re-reads the
 *       last {@code overlap + 1} seconds (whether Zoho's comparison is strict or not).</li>
 *   <li>The checkpoint carries the <b>versions seen in that window</b>: for each record returned with
 *       {@code Modified_Time >= since()}, its id, a fingerprint of its JSON as received and its
 *       {@code Modified_Time}. A record returned again with the same id and fingerprint is the very version already
 *       delivered and is skipped; a record changed again within the same second has another fingerprint and is
 *       delivered. So every version is delivered exactly once, even at a second boundary.</li>
 *   <li>The same window deduplicates within a read: a record met twice at a page boundary (or after the read is
 *       restarted past Zoho's paging limit) is delivered once. It holds only the last {@code overlap + 1}
 *       seconds of records, so memory does not grow with the read.</li>
 *   <li>A read that went through to its last page moves {@code H} up to its own start, by the server's clock, less the
 *       overlap ({@link #readCompleteAt}): the next read then asks only for what is newer.</li>
 *   <li>If the window would hold more than {@link #MAX_SEEN} versions (a bulk import within a few seconds), the
 *       checkpoint keeps only those of second {@code H}, or none: the rest is delivered again, never missed.</li>
 * </ul>
 * Encoding: {@code zc1;<H epoch seconds>;<id>:<fingerprint>:<H - Modified_Time in seconds>,...}. Mutable, one read only.
 */
final class ChangeWindow {

    /**
     * The most versions a checkpoint remembers, about 35 characters each: the window after a bulk load of this many
     * records is still deduplicated exactly, so idle cycles do not read it again and again.
     */
    static final int MAX_SEEN = 20_000;

    private static final String PREFIX = "zc1;";

    private final Duration overlap;
    private Instant highWater;
    /** "id:fingerprint" -> Modified_Time in epoch seconds, in order of arrival. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    private ChangeWindow(Duration overlap, Instant highWater) {
        this.overlap = overlap;
        this.highWater = highWater;
    }

    /** The window of a checkpoint; {@link Checkpoint#NONE} starts with nothing seen and no high-water mark. */
    static ChangeWindow from(Checkpoint checkpoint, Duration overlap) {
        if (checkpoint == null || checkpoint.isNone()) {
            return new ChangeWindow(overlap, null);
        }
        String v = checkpoint.value();
        if (!v.startsWith(PREFIX)) {
            throw new IllegalArgumentException("zoho: not a Zoho change checkpoint: '" + abbreviate(v) + "'");
        }
        String[] parts = v.substring(PREFIX.length()).split(";", -1);
        try {
            long h = Long.parseLong(parts[0]);
            ChangeWindow w = new ChangeWindow(overlap, Instant.ofEpochSecond(h));
            if (parts.length > 1 && !parts[1].isEmpty()) {
                for (String entry : parts[1].split(",")) {
                    String[] f = entry.split(":");
                    w.seen.put(f[0] + ":" + f[1], h - Long.parseLong(f[2]));
                }
            }
            return w;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("zoho: unreadable Zoho change checkpoint: '" + abbreviate(v) + "'", e);
        }
    }

    /** A checkpoint with high-water mark {@code highWater} (whole seconds) and no versions seen. */
    static Checkpoint at(Instant highWater) {
        return new Checkpoint(PREFIX + highWater.getEpochSecond() + ";");
    }

    /** The instant to send as {@code If-Modified-Since}, or {@code null} to read everything. */
    Instant since() {
        return highWater == null ? null : highWater.minus(overlap).minusSeconds(1);
    }

    Instant highWater() {
        return highWater;
    }

    /**
     * Records one returned version and says whether to deliver it: {@code false} when this very version was
     * delivered before (in this read or the one that made the checkpoint).
     */
    boolean offer(String id, String fingerprint, Instant modifiedAt) {
        String key = id + ":" + fingerprint;
        long second = modifiedAt == null ? Long.MIN_VALUE : modifiedAt.getEpochSecond();
        if (seen.containsKey(key)) {
            return false;
        }
        if (modifiedAt != null && (highWater == null || modifiedAt.isAfter(highWater))) {
            highWater = Instant.ofEpochSecond(second);
            prune();
        }
        Instant since = since();
        if (since != null && second >= since.getEpochSecond()) {
            seen.put(key, second);
        }
        return true;
    }

    private void prune() {
        long from = since().getEpochSecond();
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() < from) {
                it.remove();
            }
        }
    }

    /**
     * The read that asked from {@link #since()} began at {@code serverTime} (the server's clock, from its first answer)
     * and read every page: whatever changed before {@code serverTime - overlap} has been seen, so the high-water mark
     * may move up to there even when no newer record came. Without this, an idle cycle right after a bulk write
     * would read the last seconds of that write again and again (deduplicated, but paid for in calls) until someone
     * changed something newer. It never moves past an instant the read has not covered, nor backwards.
     */
    void readCompleteAt(Instant serverTime) {
        Instant covered = serverTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(overlap);
        if (highWater != null && covered.isAfter(highWater)) {
            highWater = covered;
            prune();
        }
    }

    /** The versions remembered now. */
    int seenCount() {
        return seen.size();
    }

    /** The checkpoint to resume from; {@code previous} when nothing has been seen at all. */
    Checkpoint toCheckpoint(Checkpoint previous) {
        if (highWater == null) {
            return previous == null ? Checkpoint.NONE : previous;
        }
        prune();
        long h = highWater.getEpochSecond();
        Map<String, Long> keep = seen;
        if (keep.size() > MAX_SEEN) {
            keep = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : seen.entrySet()) {
                if (e.getValue() == h) {
                    keep.put(e.getKey(), e.getValue());
                }
            }
            if (keep.size() > MAX_SEEN) {
                keep = Map.of();
            }
        }
        StringBuilder b = new StringBuilder(PREFIX).append(h).append(';');
        boolean first = true;
        for (Map.Entry<String, Long> e : keep.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(e.getKey()).append(':').append(h - e.getValue());
        }
        return new Checkpoint(b.toString());
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
