package io.tolk.sim.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimClockTest {

  @Test
  void setPinsTimeAndAdvanceMovesIt() {
    SimClock c = new SimClock();
    Instant t = Instant.parse("2025-01-10T09:00:00Z");
    c.set(t);
    assertThat(c.instant()).isEqualTo(t);
    c.advance(Duration.ofSeconds(90));
    assertThat(c.instant()).isEqualTo(t.plusSeconds(90));
  }

  @Test
  void releaseNeverGoesBackwards() {
    SimClock c = new SimClock();
    Instant future = Instant.now().plus(Duration.ofDays(3));
    c.set(future);
    c.release();
    assertThat(c.isPinned()).isFalse();
    assertThat(c.instant()).isAfterOrEqualTo(future);
  }

  @Test
  void followsSystemTimeWithOffset() {
    SimClock c = new SimClock();
    c.advance(Duration.ofHours(1));
    assertThat(c.instant()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
  }
}
