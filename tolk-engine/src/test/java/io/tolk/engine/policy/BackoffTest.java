package io.tolk.engine.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void delaysDoubleFromTheInitialUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(10));

        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(b::delay).toList()).containsExactly(
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(10), Duration.ofMinutes(10));
    }
}
