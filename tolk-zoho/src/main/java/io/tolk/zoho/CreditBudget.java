package io.tolk.zoho;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.http.CreditLedger;
import io.tolk.api.http.CreditLedger.Spend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Zoho's API credits, spent over a rolling 24 hours: a call is refused before it is sent when it would take this
 * connector past its budget, or when Zoho's own {@code X-API-CREDITS-REMAINING} says the org has too few left.
 * Spending is kept in one-minute buckets on the injected clock, so the window rolls without keeping every call.
 *
 * <p>In a cluster of workers the org's credits are kept in the {@link CreditLedger} set with
 * {@link #shareAcrossProcesses} (the shared store), under a hash of the org: then every worker, and a worker that
 * takes the connection over after another died, counts what all of them spent in the last 24 hours, and Zoho's
 * remaining figure reported to one is seen by all. The refusals are the same. When the ledger cannot be reached, the
 * budget counts this connector's own spending, as outside a cluster. Thread-safe.
 */
final class CreditBudget {

    static final Duration WINDOW = Duration.ofHours(24);

    private static volatile CreditLedger acrossProcesses;

    private final long budget;
    private final Clock clock;
    private final String orgHash;
    private final Deque<long[]> buckets = new ArrayDeque<>(); // {epochMinute, credits}
    private long inWindow;
    private long usedTotal;
    private long remainingReported = -1;

    /** A budget of this connector alone (never shared). */
    CreditBudget(long budget, Clock clock) {
        this(budget, clock, null);
    }

    /** A budget that is shared through the ledger under {@code orgHash} (a hash of the org, never a secret) when one is set. */
    CreditBudget(long budget, Clock clock, String orgHash) {
        this.budget = budget;
        this.clock = clock;
        this.orgHash = orgHash;
    }

    /**
     * From now on, the budgets of this process that have an org keep their credits in {@code ledger} (set once, at the
     * start of a cluster worker); {@code null} goes back to each connector alone.
     */
    static void shareAcrossProcesses(CreditLedger ledger) {
        acrossProcesses = ledger;
    }

    /** Credits a call costs: 1, or 1 per started 10 records for inserts and updates. */
    static int costOfWrite(int records) {
        return Math.max(1, (records + 9) / 10);
    }

    /**
     * Takes {@code credits} for the call {@code operation}, or throws {@link ConnectorException} with
     * {@link ErrorKind#QUOTA} saying the budget is spent and when credits free up again (its {@code retryAt}).
     */
    void spend(int credits, String operation) {
        Instant now = clock.instant();
        CreditLedger ledger = ledger();
        if (ledger != null) {
            Spend decision;
            try {
                decision = ledger.spend(orgHash, credits, budget, WINDOW, now);
            } catch (RuntimeException e) {
                decision = null;   // the ledger cannot be reached: count this connector alone until it can
            }
            if (decision != null) {
                act(decision, credits, operation, now);
                synchronized (this) {
                    roll(now);
                    record(credits, now);
                    if (remainingReported >= 0) {
                        remainingReported = Math.max(0, remainingReported - credits);
                    }
                }
                return;
            }
        }
        synchronized (this) {
            roll(now);
            act(decideLocally(credits, now), credits, operation, now);
            record(credits, now);
            if (remainingReported >= 0) {
                remainingReported -= credits;
            }
        }
    }

    private Spend decideLocally(int credits, Instant now) {
        if (inWindow + credits > budget) {
            Instant free = buckets.isEmpty() ? now : Instant.ofEpochSecond(buckets.peekFirst()[0] * 60).plus(WINDOW);
            return new Spend.OverBudget(inWindow, budget, free);
        }
        if (remainingReported >= 0 && remainingReported < credits) {
            return new Spend.TooFewReported(remainingReported);
        }
        return new Spend.Spent(inWindow + credits);
    }

    /** Throws the refusal {@code decision} stands for; returns when the credits were spent. */
    private static void act(Spend decision, int credits, String operation, Instant now) {
        if (decision instanceof Spend.OverBudget over) {
            throw new ConnectorException(ErrorKind.QUOTA, "zoho", operation + ": API credit budget exhausted ("
                    + over.inWindow() + " of " + over.budget() + " credits used in the last 24 hours, this call needs "
                    + credits + "); the oldest credits free up at " + over.oldestFreesAt()
                    + ". Raise creditBudget if the org's edition allows more", null, over.oldestFreesAt());
        }
        if (decision instanceof Spend.TooFewReported few) {
            throw new ConnectorException(ErrorKind.QUOTA, "zoho", operation + ": Zoho reports " + few.remaining()
                    + " API credits left for the org (X-API-CREDITS-REMAINING), this call needs " + credits, null,
                    now.plus(WINDOW));
        }
    }

    private void record(int credits, Instant now) {
        long minute = now.getEpochSecond() / 60;
        long[] last = buckets.peekLast();
        if (last != null && last[0] == minute) {
            last[1] += credits;
        } else {
            buckets.addLast(new long[]{minute, credits});
        }
        inWindow += credits;
        usedTotal += credits;
    }

    /** Gives credits back for a call Zoho did not charge (a refused call: 401, 429). */
    void refund(int credits) {
        CreditLedger ledger = ledger();
        if (ledger != null) {
            try {
                ledger.refund(orgHash, credits);
            } catch (RuntimeException e) {
                // the ledger keeps the credits until they leave the window: it errs on the safe side
            }
        }
        synchronized (this) {
            long[] last = buckets.peekLast();
            if (last != null) {
                long back = Math.min(credits, last[1]);
                last[1] -= back;
                inWindow -= back;
                usedTotal -= back;
            }
        }
    }

    /** Records Zoho's {@code X-API-CREDITS-REMAINING}. */
    void reported(long remaining) {
        synchronized (this) {
            remainingReported = remaining;
        }
        CreditLedger ledger = ledger();
        if (ledger != null) {
            try {
                ledger.reported(orgHash, remaining);
            } catch (RuntimeException e) {
                // this process still knows the figure
            }
        }
    }

    /** The credits this connector spent. */
    synchronized long used() {
        return usedTotal;
    }

    /** The org's remaining credits as Zoho last reported them (to any worker, in a cluster), else {@code -1}. */
    long remainingReported() {
        CreditLedger ledger = ledger();
        if (ledger != null) {
            try {
                return ledger.remainingReported(orgHash);
            } catch (RuntimeException e) {
                // fall back to this process's figure
            }
        }
        synchronized (this) {
            return remainingReported;
        }
    }

    private CreditLedger ledger() {
        return orgHash == null ? null : acrossProcesses;
    }

    private void roll(Instant now) {
        long oldest = now.minus(WINDOW).getEpochSecond() / 60;
        while (!buckets.isEmpty() && buckets.peekFirst()[0] <= oldest) {
            inWindow -= buckets.removeFirst()[1];
        }
    }
}
