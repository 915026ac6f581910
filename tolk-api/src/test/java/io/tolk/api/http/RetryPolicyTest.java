package io.tolk.api.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void baseBackoffDoublesFromInitialAndIsCappedAtMaxBackoff() {
        assertThat(policy.baseBackoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.baseBackoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.baseBackoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.baseBackoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.baseBackoff(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.baseBackoff(60)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitteredBackoffStaysBetweenHalfAndAllOfTheBase() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 7; attempt++) {
            for (int i = 0; i < 200; i++) {
                Duration wait = policy.backoff(attempt, null, random);
                long base = policy.baseBackoff(attempt).toMillis();
                assertThat(wait.toMillis()).isBetween(base / 2, base);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameWaits() {
        Random a = new Random(42);
        Random b = new Random(42);
        for (int attempt = 1; attempt <= 6; attempt++) {
            assertThat(policy.backoff(attempt, null, a)).isEqualTo(policy.backoff(attempt, null, b));
        }
    }

    @Test
    void retryAfterReplacesTheComputedWaitEvenBeyondMaxBackoff() {
        assertThat(policy.backoff(1, Duration.ofSeconds(3), new Random(1))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.backoff(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void fewerThanOneAttemptIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }

    @Test
    void defaultsAreBounded() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThat(d.maxAttempts()).isEqualTo(6);
        assertThat(d.maxTotal()).isEqualTo(Duration.ofSeconds(60));
    }
}
