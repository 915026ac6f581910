package io.tolk.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code maxInFlight} calls at once (Zoho limits concurrent calls per organisation). Callers take a
 * {@link Permit} and close it when the call is done; waiting callers are served in arrival order. Thread-safe.
 * {@link #shared} gives every user of the same key in the process the same instance (keys are hashed, never kept).
 */
public final class ConcurrencyLimiter {

    private static final Map<String, ConcurrencyLimiter> SHARED = new ConcurrentHashMap<>();

    private final int maxInFlight;
    private final Semaphore semaphore;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public ConcurrencyLimiter(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.semaphore = new Semaphore(maxInFlight, true);
    }

    /** The process-wide limiter for {@code key}; the first call fixes its size. */
    public static ConcurrencyLimiter shared(String key, int maxInFlight) {
        ConcurrencyLimiter limiter = SHARED.computeIfAbsent(hash(key), k -> new ConcurrencyLimiter(maxInFlight));
        if (limiter.maxInFlight != maxInFlight) {
            throw new IllegalStateException("a concurrency limiter for this key already exists with "
                    + limiter.maxInFlight + " calls, not " + maxInFlight);
        }
        return limiter;
    }

    /** Waits for a free slot; close the permit to give it back. */
    public Permit acquire() throws InterruptedException {
        semaphore.acquire();
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return new Permit(this);
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Calls in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most calls that were in flight at once since this limiter was made (how close callers came to the limit). */
    public int peakInFlight() {
        return peak.get();
    }

    /** A taken slot; {@link #close()} gives it back (once, however often it is called). */
    public static final class Permit implements AutoCloseable {
        private final ConcurrencyLimiter limiter;
        private boolean released;

        private Permit(ConcurrencyLimiter limiter) {
            this.limiter = limiter;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                limiter.inFlight.decrementAndGet();
                limiter.semaphore.release();
            }
        }
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
