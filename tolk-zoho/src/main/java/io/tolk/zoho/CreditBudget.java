package io.tolk.zoho;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Zoho's API credits, spent over a rolling 24 hours: a call is refused before it is sent when it would take this
 * connector past its budget, or when Zoho's own {@code X-API-CREDITS-REMAINING} says the org has too few left.
 * Spending is kept in one-minute buckets on the injected clock, so the window rolls without keeping every call.
 * Thread-safe.
 */
final class CreditBudget {

    static final Duration WINDOW = Duration.ofHours(24);

    private final long budget;
    private final Clock clock;
    private final Deque<long[]> buckets = new ArrayDeque<>(); // {epochMinute, credits}
    private long inWindow;
    private long usedTotal;
    private long remainingReported = -1;

    CreditBudget(long budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /** Credits a call costs: 1, or 1 per started 10 records for inserts and updates. */
    static int costOfWrite(int records) {
        return Math.max(1, (records + 9) / 10);
    }

    /**
     * Takes {@code credits} for the call {@code operation}, or throws {@link ConnectorException} with
     * {@link ErrorKind#QUOTA} saying the budget is spent and when credits free up again (its {@code retryAt}).
     */
    synchronized void spend(int credits, String operation) {
        Instant now = clock.instant();
        roll(now);
        if (inWindow + credits > budget) {
            Instant free = buckets.isEmpty() ? now : Instant.ofEpochSecond(buckets.peekFirst()[0] * 60).plus(WINDOW);
            throw new ConnectorException(ErrorKind.QUOTA, "zoho", operation + ": API credit budget exhausted ("
                    + inWindow + " of " + budget + " credits used in the last 24 hours, this call needs " + credits
                    + "); the oldest credits free up at " + free + ". Raise creditBudget if the org's edition allows more",
                    null, free);
        }
        if (remainingReported >= 0 && remainingReported < credits) {
            throw new ConnectorException(ErrorKind.QUOTA, "zoho", operation + ": Zoho reports " + remainingReported
                    + " API credits left for the org (X-API-CREDITS-REMAINING), this call needs " + credits, null,
                    now.plus(WINDOW));
        }
        long minute = now.getEpochSecond() / 60;
        long[] last = buckets.peekLast();
        if (last != null && last[0] == minute) {
            last[1] += credits;
        } else {
            buckets.addLast(new long[]{minute, credits});
        }
        inWindow += credits;
        usedTotal += credits;
        if (remainingReported >= 0) {
            remainingReported -= credits;
        }
    }

    /** Gives credits back for a call Zoho did not charge (a refused call: 401, 429). */
    synchronized void refund(int credits) {
        long[] last = buckets.peekLast();
        if (last != null) {
            long back = Math.min(credits, last[1]);
            last[1] -= back;
            inWindow -= back;
            usedTotal -= back;
        }
    }

    /** Records Zoho's {@code X-API-CREDITS-REMAINING}. */
    synchronized void reported(long remaining) {
        remainingReported = remaining;
    }

    synchronized long used() {
        return usedTotal;
    }

    /** The org's remaining credits as Zoho last reported them, else {@code -1}. */
    synchronized long remainingReported() {
        return remainingReported;
    }

    synchronized boolean exhausted() {
        roll(clock.instant());
        return inWindow >= budget || remainingReported == 0;
    }

    private void roll(Instant now) {
        long oldest = now.minus(WINDOW).getEpochSecond() / 60;
        while (!buckets.isEmpty() && buckets.peekFirst()[0] <= oldest) {
            inWindow -= buckets.removeFirst()[1];
        }
    }
}
