package io.tolk.api.http;

import java.time.Duration;

/**
 * Waits for a while. Injected wherever code waits (backoff, rate limiting) so tests assert the waits instead of
 * sleeping. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /** Blocks the calling thread for {@code duration}; zero or negative returns at once. */
    void sleep(Duration duration) throws InterruptedException;

    /** Real sleeping with {@link Thread#sleep(long, int)}. */
    Sleeper SYSTEM = duration -> {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        long nanos = duration.toNanos();
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    };
}
