package io.tolk.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket: on average at most {@code permitsPerSecond} permits a second, with bursts of at most
 * {@code burst} permits after an idle spell. {@link #acquire()} reserves the next free slot under a lock and then
 * waits for it outside the lock with the injected {@link Sleeper}, so callers are served in arrival order and the
 * waits are testable. Thread-safe.
 *
 * <p>{@link #shared} hands every caller in the process using the same key the same instance: PowerOffice allows
 * 10 requests per second per subscription key however many clients and connectors use it. Keys are hashed before
 * they are kept, so a secret used as key is never held or printed. Where several processes use one key (a cluster of
 * workers), {@link #shareAcrossProcesses} makes the shared limiters take their permits from {@link SharedSlots} that
 * all the processes see, so the budget holds across them.
 *
 * <h2>Fair share between connections</h2>
 * Permits are handed out first come, first served; to keep one connection with many threads from queueing a run of
 * permits ahead of the others, each connection takes its permits through its own {@link Lane}: a lane has at most one
 * permit reserved ahead at a time (its next caller reserves only once the previous one's slot has come). So the
 * connections that wait for one key are served in turn, round robin: a connection that asks gets its permit after at
 * most one permit of each other connection, whether it has one thread or many.
 */
public final class RateLimiter {

    private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();
    private static volatile SharedSlots acrossProcesses;

    /**
     * Permits that several processes take from one budget: the next free slot of a key, kept where all of them see it
     * (a cluster's PostgreSQL store). Slots are handed out in the order callers ask, evenly spaced.
     */
    public interface SharedSlots {
        /**
         * Takes the next free slot of {@code keyHash} for permits {@code intervalNanos} apart.
         *
         * @return how long the caller must wait before its slot (zero when it is free now)
         * @throws RuntimeException when the slots cannot be reached (the limiter then paces this process alone)
         */
        Duration take(String keyHash, long intervalNanos);
    }

    /**
     * From now on, the {@link #shared} limiters of this process take their permits from {@code slots} (set once, at
     * the start of a cluster worker, before any connector is built); {@code null} goes back to this process alone.
     */
    public static void shareAcrossProcesses(SharedSlots slots) {
        acrossProcesses = slots;
    }

    private final String sharedKey;

    private final double permitsPerSecond;
    private final int burst;
    private final long intervalNanos;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Theoretical arrival time of the next permit, in nanoseconds since the epoch. */
    private long nextFreeNanos = Long.MIN_VALUE;

    public RateLimiter(double permitsPerSecond, int burst, Clock clock, Sleeper sleeper) {
        this(permitsPerSecond, burst, clock, sleeper, null);
    }

    private RateLimiter(double permitsPerSecond, int burst, Clock clock, Sleeper sleeper, String sharedKey) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive and finite, was " + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.intervalNanos = Math.max(1L, Math.round(1_000_000_000d / permitsPerSecond));
        this.clock = clock;
        this.sleeper = sleeper;
        this.sharedKey = sharedKey;
    }

    /**
     * The process-wide limiter for {@code key} (with burst 1, i.e. evenly spaced permits). The first call for a key
     * creates it with the given rate, clock and sleeper; later calls get that same instance whatever they pass, so
     * a rate that differs from the existing one is refused.
     */
    public static RateLimiter shared(String key, double permitsPerSecond, Clock clock, Sleeper sleeper) {
        RateLimiter limiter = SHARED.computeIfAbsent(hash(key), k -> new RateLimiter(permitsPerSecond, 1, clock, sleeper, k));
        if (limiter.permitsPerSecond != permitsPerSecond) {
            throw new IllegalStateException("a rate limiter for this key already exists with " + limiter.permitsPerSecond
                    + " permits/s, not " + permitsPerSecond);
        }
        return limiter;
    }

    /** A new lane on this limiter for one connection's calls (see the class comment: fair share). */
    public Lane lane() {
        return new Lane(this);
    }

    /**
     * Waits until a permit is free and takes it. A caller that wakes more than one interval after its slot (its
     * process was paused, or starved of CPU) does not use the slot: others have used the slots after it since, and
     * sending now would make a burst. It takes a fresh slot instead and waits for that one.
     */
    public void acquire() throws InterruptedException {
        while (true) {
            Duration wait = reserve();
            Instant due = clock.instant().plus(wait);
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
            if (!clock.instant().isAfter(due.plusNanos(intervalNanos))) {
                return;
            }
        }
    }

    /** Takes the next free permit without waiting and says how long the caller must wait before using it. */
    public Duration reserve() {
        SharedSlots slots = sharedKey == null ? null : acrossProcesses;
        if (slots != null) {
            try {
                return slots.take(sharedKey, intervalNanos);
            } catch (RuntimeException e) {
                // the shared slots cannot be reached: pace this process alone until they can
            }
        }
        long now = nanos(clock.instant());
        long waitNanos;
        synchronized (this) {
            long tat = nextFreeNanos == Long.MIN_VALUE ? now : nextFreeNanos;
            waitNanos = Math.max(0L, tat - (burst - 1) * intervalNanos - now);
            nextFreeNanos = Math.max(tat, now) + intervalNanos;
        }
        return Duration.ofNanos(waitNanos);
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permitsPerSecond + "/s, burst " + burst + "]";
    }

    /**
     * One connection's way to the limiter: its callers take permits one after another, each waiting for its slot
     * before the next one reserves, so the connection never has more than one permit reserved ahead. Callers of one
     * lane are served in arrival order. Thread-safe.
     */
    public static final class Lane {
        private final RateLimiter limiter;
        private final ReentrantLock turn = new ReentrantLock(true);

        private Lane(RateLimiter limiter) {
            this.limiter = limiter;
        }

        /** Waits for this lane's turn and then for a permit, and takes it. */
        public void acquire() throws InterruptedException {
            turn.lockInterruptibly();
            try {
                limiter.acquire();
            } finally {
                turn.unlock();
            }
        }

        public RateLimiter limiter() {
            return limiter;
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
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
