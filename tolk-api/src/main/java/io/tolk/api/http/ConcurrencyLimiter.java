package io.tolk.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code maxInFlight} calls at once (Zoho limits concurrent calls per organisation). Callers take a
 * {@link Permit} and close it when the call is done; waiting callers are served in arrival order. Thread-safe.
 * {@link #shared} gives every user of the same key in the process the same instance (keys are hashed, never kept).
 * Where several processes call with one key (a cluster of workers), {@link #shareAcrossProcesses} makes the shared
 * limiters also take a lease from {@link SharedLeases} that all of them see, so the limit holds across them.
 *
 * <h2>Fair share between connections</h2>
 * Each connection takes its permits through its own {@link Lane}, which has at most one caller waiting at a time. As
 * waiting callers are served in arrival order, the connections that wait for one key get their permits in turn,
 * round robin: a connection that asks is served after at most one permit of each other waiting connection, however
 * many threads it has.
 */
public final class ConcurrencyLimiter {

    private static final Map<String, ConcurrencyLimiter> SHARED = new ConcurrentHashMap<>();
    private static volatile SharedLeases acrossProcesses;
    /** How often a caller that waits for a lease of {@link SharedLeases} asks again. */
    static final Duration LEASE_POLL = Duration.ofMillis(20);

    /**
     * Leases on the calls in flight for a key, kept where several processes see them (a cluster's PostgreSQL store):
     * at most {@code max} are held at once across all of them. Callers that cannot have one now wait in line, in the
     * order they first asked; a lease whose holder dies (its process killed) frees up by itself after a while.
     * Thread-safe.
     */
    public interface SharedLeases {
        /**
         * Takes one of the {@code max} leases of {@code keyHash} for the caller {@code ticket} (unique per wait) when
         * one is free and no ticket that asked before it still waits; otherwise keeps the ticket's place in line (for
         * as long as it keeps asking) and returns empty.
         *
         * @return the lease, to be {@linkplain #release released} when the call is done
         * @throws RuntimeException when the leases cannot be reached (the limiter then counts this process alone)
         */
        Optional<String> tryTake(String keyHash, String ticket, int max);

        /** Gives the lease back. */
        void release(String keyHash, String lease);

        /** The caller {@code ticket} stopped waiting (it was interrupted): it leaves the line. Nothing by default. */
        default void leave(String keyHash, String ticket) {
        }
    }

    /**
     * From now on, the {@link #shared} limiters of this process also take a lease from {@code leases} for every permit
     * (set once, at the start of a cluster worker, before any connector is built); {@code null} goes back to this
     * process alone.
     */
    public static void shareAcrossProcesses(SharedLeases leases) {
        acrossProcesses = leases;
    }

    private final String sharedKey;
    private final int maxInFlight;
    private final Semaphore semaphore;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public ConcurrencyLimiter(int maxInFlight) {
        this(maxInFlight, null);
    }

    private ConcurrencyLimiter(int maxInFlight, String sharedKey) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.semaphore = new Semaphore(maxInFlight, true);
        this.sharedKey = sharedKey;
    }

    /** The process-wide limiter for {@code key}; the first call fixes its size. */
    public static ConcurrencyLimiter shared(String key, int maxInFlight) {
        ConcurrencyLimiter limiter = SHARED.computeIfAbsent(hash(key), k -> new ConcurrencyLimiter(maxInFlight, k));
        if (limiter.maxInFlight != maxInFlight) {
            throw new IllegalStateException("a concurrency limiter for this key already exists with "
                    + limiter.maxInFlight + " calls, not " + maxInFlight);
        }
        return limiter;
    }

    /** A new lane on this limiter for one connection's calls (see the class comment: fair share). */
    public Lane lane() {
        return new Lane(this);
    }

    /** Waits for a free slot (and, in a cluster, a lease); close the permit to give it back. */
    public Permit acquire() throws InterruptedException {
        semaphore.acquire();
        SharedLeases leases = sharedKey == null ? null : acrossProcesses;
        String lease;
        try {
            lease = leases == null ? null : lease(leases);
        } catch (InterruptedException | RuntimeException e) {
            semaphore.release();
            throw e;
        }
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return new Permit(this, lease == null ? null : leases, lease);
    }

    /** A lease of {@code leases}, waiting in line for it; {@code null} when they cannot be reached. */
    private String lease(SharedLeases leases) throws InterruptedException {
        String ticket = UUID.randomUUID().toString();
        try {
            while (true) {
                Optional<String> lease = leases.tryTake(sharedKey, ticket, maxInFlight);
                if (lease.isPresent()) {
                    return lease.get();
                }
                Sleeper.SYSTEM.sleep(LEASE_POLL);
            }
        } catch (InterruptedException e) {
            leaveQuietly(leases, ticket);
            throw e;
        } catch (RuntimeException e) {
            return null;   // the leases cannot be reached: count this process alone until they can
        }
    }

    private void leaveQuietly(SharedLeases leases, String ticket) {
        try {
            leases.leave(sharedKey, ticket);
        } catch (RuntimeException ignored) {
            // its place in line lapses by itself
        }
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

    /**
     * One connection's way to the limiter: at most one of its callers waits for a permit at a time, the others wait
     * their turn in the lane (in arrival order). Thread-safe.
     */
    public static final class Lane {
        private final ConcurrencyLimiter limiter;
        private final ReentrantLock turn = new ReentrantLock(true);

        private Lane(ConcurrencyLimiter limiter) {
            this.limiter = limiter;
        }

        /** Waits for this lane's turn and then for a permit; close the permit to give it back. */
        public Permit acquire() throws InterruptedException {
            turn.lockInterruptibly();
            try {
                return limiter.acquire();
            } finally {
                turn.unlock();
            }
        }

        public ConcurrencyLimiter limiter() {
            return limiter;
        }
    }

    /** A taken slot; {@link #close()} gives it back (once, however often it is called). */
    public static final class Permit implements AutoCloseable {
        private final ConcurrencyLimiter limiter;
        private final SharedLeases leases;
        private final String lease;
        private boolean released;

        private Permit(ConcurrencyLimiter limiter, SharedLeases leases, String lease) {
            this.limiter = limiter;
            this.leases = leases;
            this.lease = lease;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                if (lease != null) {
                    try {
                        leases.release(limiter.sharedKey, lease);
                    } catch (RuntimeException ignored) {
                        // the lease lapses by itself
                    }
                }
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
