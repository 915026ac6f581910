package io.tolk.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

  @Test
  void parsesEveryItem() {
    Faults f = Faults.parse("latency=50ms,error=0.2,throttle=0.1,drop=0.05,stall=0.02,lag=1s,seed=42");
    assertThat(f).isEqualTo(new Faults(Duration.ofMillis(50), 0.2, 0.1, 0.05, 0.02, Duration.ofSeconds(1), 42));
  }

  @Test
  void emptySpecIsNone() {
    assertThat(Faults.parse("")).isEqualTo(Faults.NONE);
    assertThat(Faults.parse(null)).isEqualTo(Faults.NONE);
    assertThat(Faults.NONE.isNone()).isTrue();
  }

  @Test
  void specRoundTrips() {
    Faults f = Faults.parse("latency=50ms,throttle=0.1,lag=1500ms,seed=7");
    assertThat(Faults.parse(f.toSpec())).isEqualTo(f);
  }

  @Test
  void unknownItemIsNamedInTheError() {
    assertThatThrownBy(() -> Faults.parse("lantency=50ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown fault 'lantency'")
        .hasMessageContaining("known: latency, error, throttle, drop, stall, lag, seed");
  }

  @Test
  void badShareIsNamedInTheError() {
    assertThatThrownBy(() -> Faults.parse("error=1.5")).hasMessageContaining("'error'").hasMessageContaining("1.5");
    assertThatThrownBy(() -> Faults.parse("drop=lots")).hasMessageContaining("'drop'").hasMessageContaining("lots");
  }

  @Test
  void badDurationIsNamedInTheError() {
    assertThatThrownBy(() -> Faults.parse("latency=fast")).hasMessageContaining("'latency'").hasMessageContaining("fast");
  }

  @Test
  void itemWithoutValueIsRefused() {
    assertThatThrownBy(() -> Faults.parse("latency")).hasMessageContaining("'latency'");
  }

  @Test
  void sharesAddingUpToMoreThanOneAreRefused() {
    assertThatThrownBy(() -> Faults.parse("error=0.6,throttle=0.6")).hasMessageContaining("more than 1");
  }

  @Test
  void throttleShareOverASeededRunIsCloseToTheSpec() {
    FaultDecider d = new FaultDecider(Faults.parse("throttle=0.1,error=0.2,seed=42"));
    Map<FaultKind, Integer> seen = new EnumMap<>(FaultKind.class);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      seen.merge(d.next(), 1, Integer::sum);
    }
    assertThat(seen.getOrDefault(FaultKind.THROTTLE, 0) / (double) n).isBetween(0.09, 0.11);
    assertThat(seen.getOrDefault(FaultKind.ERROR, 0) / (double) n).isBetween(0.19, 0.21);
    assertThat(seen).doesNotContainKeys(FaultKind.DROP, FaultKind.STALL);
  }

  @Test
  void sameSeedGivesTheSameSequence() {
    FaultDecider a = new FaultDecider(Faults.parse("throttle=0.3,drop=0.3,seed=5"));
    FaultDecider b = new FaultDecider(Faults.parse("throttle=0.3,drop=0.3,seed=5"));
    for (int i = 0; i < 200; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }

  @Test
  void noFaultsNeverPicksOne() {
    FaultDecider d = new FaultDecider(Faults.NONE);
    for (int i = 0; i < 1000; i++) {
      assertThat(d.next()).isEqualTo(FaultKind.NONE);
    }
  }
}
