package io.tolk.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code maxInFlight} calls at once (Zoho limits concurrent calls per organisation). Callers take a
 * {@link Permit} and close it when the call is done; waiting callers are served in arrival order. Thread-safe.
 * {@link #shared} gives every user of the same key in the process the same instance (keys are hashed, never kept).
 */
public final class ConcurrencyLimiter {

    private static final Map<String, ConcurrencyLimiter> SHARED = new ConcurrentHashMap<>();

    private final int maxInFlight;
    private final Semaphore semaphore;

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
        return new Permit(semaphore);
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Calls in flight now. */
    public int inFlight() {
        return maxInFlight - semaphore.availablePermits();
    }

    /** A taken slot; {@link #close()} gives it back (once, however often it is called). */
    public static final class Permit implements AutoCloseable {
        private final Semaphore semaphore;
        private boolean released;

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                semaphore.release();
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
