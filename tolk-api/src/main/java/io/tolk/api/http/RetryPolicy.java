package io.tolk.api.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * A bounded retry schedule: at most {@code maxAttempts} attempts of one call (the first included), waits growing
 * exponentially from {@code initialBackoff} and capped at {@code maxBackoff} per wait, with "equal jitter" (half the
 * wait fixed, half random) so many clients do not retry in step, and never past {@code maxTotal} since the first
 * attempt. A server's {@code Retry-After} replaces the computed wait (it is the server's word on when capacity is
 * back), but still counts against {@code maxTotal}.
 *
 * @param maxAttempts    attempts in all, at least 1
 * @param initialBackoff the wait before the second attempt, before jitter
 * @param maxBackoff     the longest computed wait (a longer Retry-After is honoured, within maxTotal)
 * @param maxTotal       the longest time from the first attempt to the start of the last one
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxTotal, "maxTotal");
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxTotal.isNegative()) {
            throw new IllegalArgumentException("retry durations must not be negative");
        }
    }

    /** 6 attempts, 200 ms doubling up to 10 s per wait, 60 s in all. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** One attempt, never a retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait after failed attempt number {@code attempt} (1 = the first attempt failed), before jitter:
     * {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}.
     */
    public Duration baseBackoff(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, was " + attempt);
        }
        int shift = Math.min(attempt - 1, 30);
        long millis = initialBackoff.toMillis();
        long grown = millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
        return Duration.ofMillis(Math.min(grown, maxBackoff.toMillis()));
    }

    /**
     * The wait after failed attempt {@code attempt}: {@code retryAfter} when the server sent one, else half the
     * {@linkplain #baseBackoff base} plus a random part of up to the other half drawn from {@code random}.
     */
    public Duration backoff(int attempt, Duration retryAfter, Random random) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter;
        }
        long base = baseBackoff(attempt).toMillis();
        long half = base / 2;
        long jitter = base - half == 0 ? 0 : (long) (random.nextDouble() * (base - half + 1));
        return Duration.ofMillis(Math.min(base, half + jitter));
    }

    /** As {@link #backoff(int, Duration, Random)} without jitter: the base wait, or {@code retryAfter}. */
    public Duration backoff(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter;
        }
        return baseBackoff(attempt);
    }
}
