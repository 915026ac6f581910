package io.tolk.engine.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed record is tried again: {@code initial}, doubling per attempt, at most {@code max}.
 *
 * @param initial the wait after the first failure
 * @param max     the longest wait
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMinutes(1), Duration.ofHours(6));

    /** The wait after {@code attempts} failures (1 = first). */
    public Duration delay(int attempts) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    public Instant next(Instant now, int attempts) {
        return now.plus(delay(attempts));
    }
}
