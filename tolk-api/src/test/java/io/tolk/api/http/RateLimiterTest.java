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
