package io.tolk.api.http;

import java.time.Duration;
import java.time.Instant;

/**
 * API credits spent over a rolling window, kept where every process that spends from the same budget sees them (a
 * cluster's PostgreSQL store), so that several workers, or a worker taking a connection over from one that died,
 * never spend more together than the budget allows.
 *
 * <p>Credits are counted in one-minute buckets of the callers' clocks: a bucket leaves the window when its minute is
 * more than {@code window} ago. The service's own figure of what is left (a remaining-credits header) is kept too,
 * and every spend lowers it until the service reports a new one.
 *
 * <p>Budgets are keyed by a hash of what identifies the budget (an account), never by a secret. Implementations are
 * thread-safe and decide each {@link #spend} atomically: two callers can never both take the last credits.
 */
public interface CreditLedger {

    /** What {@link #spend} decided. */
    sealed interface Spend {
        /** The credits were taken; {@code inWindow} counts them. */
        record Spent(long inWindow) implements Spend {
        }

        /**
         * Refused: {@code inWindow} credits are spent in the window and the call would pass {@code budget};
         * {@code oldestFreesAt} is when the oldest spent credits leave the window.
         */
        record OverBudget(long inWindow, long budget, Instant oldestFreesAt) implements Spend {
        }

        /** Refused: the service last reported {@code remaining} credits, fewer than the call needs. */
        record TooFewReported(long remaining) implements Spend {
        }
    }

    /**
     * Takes {@code credits} of the budget {@code keyHash} at {@code now} when the credits spent in the window before
     * {@code now} plus these stay within {@code budget} and the service's last reported figure (when there is one)
     * is at least {@code credits}; else takes nothing and says why.
     *
     * @throws RuntimeException when the ledger cannot be reached (the caller then counts for its process alone)
     */
    Spend spend(String keyHash, int credits, long budget, Duration window, Instant now);

    /** Gives back up to {@code credits} of the latest bucket: the service did not charge a call (it refused it). */
    void refund(String keyHash, int credits);

    /** Records the service's own figure of the credits left (the remaining-credits header of an answer). */
    void reported(String keyHash, long remaining);

    /** The credits left as the service last reported them, lowered by what was spent since; {@code -1} when unknown. */
    long remainingReported(String keyHash);
}
