package io.tolk.app.health;

import io.tolk.engine.store.RunOutcome;
import io.tolk.engine.store.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One connection's saved health, worked out from its run log (newest first).
 *
 * @param state             at a glance
 * @param lastSuccess       the end of the last cycle that completed (any outcome but failed or interrupted), or null
 * @param lastError         what stopped the last failed cycle, or null when none failed since the last success
 * @param lastErrorAt       when that cycle ended, or null
 * @param sinceLastComplete time since {@code lastSuccess} (or since {@code watchedSince} when nothing completed yet)
 * @param staleAfter        the limit beyond which the connection is {@link HealthState#STALE}
 */
public record Health(HealthState state, Instant lastSuccess, String lastError, Instant lastErrorAt,
                     Duration sinceLastComplete, Duration staleAfter) {

    public Health {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sinceLastComplete, "sinceLastComplete");
        Objects.requireNonNull(staleAfter, "staleAfter");
    }

    /**
     * The stale limit for a connection synced every {@code interval}: three intervals, plus twice the last complete
     * cycle's duration (a cycle of 100 000 records may take minutes), at least one minute.
     */
    public static Duration staleAfter(Duration interval, Duration lastCycle) {
        Duration limit = interval.multipliedBy(3).plus(lastCycle.multipliedBy(2));
        return limit.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : limit;
    }

    /**
     * Health from the run log.
     *
     * @param runs         recent runs, newest first (a few dozen are plenty)
     * @param interval     the connection's {@code sync.interval}
     * @param failingNow   records currently failing (from the engine's status)
     * @param watchedSince when the service started watching (a connection that never completed turns stale after
     *                     the limit counted from here)
     * @param now          the clock's now
     */
    public static Health of(List<RunRecord> runs, Duration interval, long failingNow, Instant watchedSince, Instant now) {
        RunRecord lastComplete = null;
        RunRecord lastFailed = null;
        RunRecord latest = null;
        for (RunRecord r : runs) {
            if (r.outcome() == RunOutcome.INTERRUPTED) {
                continue;
            }
            if (latest == null) {
                latest = r;
            }
            if (r.outcome() == RunOutcome.FAILED) {
                if (lastComplete == null && lastFailed == null) {
                    lastFailed = r;
                }
            } else if (lastComplete == null) {
                lastComplete = r;
            }
        }
        Instant completedAt = lastComplete == null ? null : end(lastComplete);
        Duration lastDuration = lastComplete == null ? Duration.ZERO : Duration.between(lastComplete.startedAt(), end(lastComplete));
        Duration limit = staleAfter(interval, lastDuration);
        Instant from = completedAt != null ? completedAt : watchedSince;
        Duration since = Duration.between(from, now).isNegative() ? Duration.ZERO : Duration.between(from, now);
        HealthState state;
        if (since.compareTo(limit) > 0) {
            state = HealthState.STALE;
        } else if (latest != null && latest.outcome() == RunOutcome.FAILED) {
            state = HealthState.FAILING;
        } else if (latest == null) {
            state = HealthState.OK;
        } else if (latest.outcome() != RunOutcome.OK || failingNow > 0) {
            state = HealthState.DEGRADED;
        } else {
            state = HealthState.OK;
        }
        return new Health(state, completedAt, lastFailed == null ? null : lastFailed.error(),
                lastFailed == null ? null : end(lastFailed), since, limit);
    }

    /**
     * A flow's health: the connection's, except that a connection otherwise ok is degraded in a flow that has
     * failing records.
     */
    public HealthState forFlow(long failingInFlow) {
        return state == HealthState.OK && failingInFlow > 0 ? HealthState.DEGRADED : state;
    }

    private static Instant end(RunRecord r) {
        return r.finishedAt() != null ? r.finishedAt() : r.startedAt();
    }
}
