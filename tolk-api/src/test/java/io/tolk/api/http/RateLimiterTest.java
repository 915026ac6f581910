package io.tolk.api.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-10T09:00:00Z"));

    @Test
    void tenPerSecondSpacesBackToBackCallsOneHundredMillisecondsApart() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(null); // the clock stands still: every wait is from t=0
        RateLimiter limiter = new RateLimiter(10, 1, clock, sleeper);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertThat(sleeper.waits()).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(400));
    }

    @Test
    void callsThatWaitedForTheirSlotAreNotDelayedFurther() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RateLimiter limiter = new RateLimiter(10, 1, clock, sleeper);
        for (int i = 0; i < 11; i++) {
            limiter.acquire();
        }
        assertThat(sleeper.waits()).hasSize(10).allMatch(d -> d.equals(Duration.ofMillis(100)));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-10T09:00:01Z"));
    }

    @Test
    void aPermitWhoseSlotPassedWhileTheProcessWasPausedIsTakenAfreshSoTheResumedWorkerSendsNoBurst() throws Exception {
        long interval = Duration.ofMillis(100).toNanos();
        long[] next = {Long.MIN_VALUE};
        List<Instant> used = new ArrayList<>();   // when each permit was used, by either worker
        RateLimiter.SharedSlots slots = (key, intervalNanos) -> {   // the store's next free slot, as StoreRateSlots
            long now = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
            long at = Math.max(next[0], now);
            next[0] = at + intervalNanos;
            return Duration.ofNanos(at - now);
        };
        boolean[] paused = {false};
        Sleeper pausedOnce = d -> {
            clock.advance(d);
            if (!paused[0]) {   // SIGSTOP for 3 s: meanwhile the other worker uses every slot of the key
                paused[0] = true;
                for (int i = 0; i < 30; i++) {
                    Duration wait = slots.take("k", interval);
                    clock.advance(wait);
                    used.add(clock.instant());
                }
            }
        };
        RateLimiter.shareAcrossProcesses(slots);
        try {
            RateLimiter limiter = RateLimiter.shared("po|paused|" + UUID.randomUUID(), 10, clock, pausedOnce);
            limiter.acquire();
            used.add(clock.instant());
            limiter.acquire();   // its slot comes and passes while the process is paused
            used.add(clock.instant());
        } finally {
            RateLimiter.shareAcrossProcesses(null);
        }
        List<Instant> sorted = used.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).as("permit %d used after %s", i, sorted.get(i - 1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void anIdleSpellAllowsABurstOfAtMostBurstPermits() {
        RateLimiter limiter = new RateLimiter(10, 3, clock, new RecordingSleeper(null));
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(limiter.reserve());
        }
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(100), Duration.ofMillis(200));
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.reserve()).isZero();
    }

    @Test
    void sharedLimiterIsOneInstancePerKeyInTheProcess() {
        String key = "sub-" + UUID.randomUUID();
        RateLimiter a = RateLimiter.shared(key, 10, clock, new RecordingSleeper(null));
        RateLimiter b = RateLimiter.shared(key, 10, clock, new RecordingSleeper(null));
        RateLimiter other = RateLimiter.shared(key + "x", 10, clock, new RecordingSleeper(null));
        assertThat(a).isSameAs(b).isNotSameAs(other);
        assertThat(a.reserve()).isZero();
        assertThat(b.reserve()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void sharedLimiterRefusesADifferentRateForAnExistingKey() {
        String key = "sub-" + UUID.randomUUID();
        RateLimiter.shared(key, 10, clock, Sleeper.SYSTEM);
        assertThatThrownBy(() -> RateLimiter.shared(key, 20, clock, Sleeper.SYSTEM))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(key);
    }

    @Test
    void concurrencyLimiterCountsPermitsInFlightAndReleasesOnce() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
        ConcurrencyLimiter.Permit p1 = limiter.acquire();
        ConcurrencyLimiter.Permit p2 = limiter.acquire();
        assertThat(limiter.inFlight()).isEqualTo(2);
        p1.close();
        p1.close();
        assertThat(limiter.inFlight()).isEqualTo(1);
        p2.close();
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.peakInFlight()).as("the most at once, kept after they finished").isEqualTo(2);
    }
}
