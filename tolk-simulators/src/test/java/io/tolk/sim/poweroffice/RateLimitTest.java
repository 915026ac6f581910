package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Checklist 2: 10 requests/s per subscription key (bucket on the pinned simulator clock, so no sleeping). */
class RateLimitTest extends PoTestBase {

  private SimClock pinned() {
    SimClock clock = new SimClock();
    clock.set(Instant.parse("2025-01-10T09:00:00Z"));
    return clock;
  }

  @Test
  void eleventhRequestWithinOneSecondIsRefusedWith429RetryAfterAndApimBody() {
    SimClock clock = pinned();
    start(SimOptions.defaults().withClock(clock));
    po.token(); // 1
    for (int i = 0; i < 9; i++) {
      assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    }
    HttpResponse<String> r = po.get("/Customers");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
    JsonNode body = PoClient.json(r);
    assertThat(body.get("statusCode").asInt()).isEqualTo(429);
    assertThat(body.get("message").asText()).isEqualTo("Rate limit is exceeded. Try again in 1 seconds.");
    assertThat(sim.counters().throttledCount()).isEqualTo(1);
  }

  @Test
  void limitSwitchedOffAndOnAtRunTimeTakesEffectAtOnce() {
    SimClock clock = pinned();
    start(SimOptions.defaults().withClock(clock));
    po.token();
    sim.setLimitsEnforced(false);
    for (int i = 0; i < 30; i++) {
      assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    }
    sim.setLimitsEnforced(true);
    for (int i = 0; i < 10; i++) {
      po.get("/Customers");
    }
    assertThat(po.get("/Customers").statusCode()).isEqualTo(429);
  }

  @Test
  void limitRefillsAfterOneSecond() {
    SimClock clock = pinned();
    start(SimOptions.defaults().withClock(clock));
    po.token();
    for (int i = 0; i < 9; i++) {
      po.get("/Customers");
    }
    assertThat(po.get("/Customers").statusCode()).isEqualTo(429);
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    }
    assertThat(po.get("/Customers").statusCode()).isEqualTo(429);
  }

  @Test
  void limitIsPerSubscriptionKeyWhateverTheToken() {
    SimClock clock = pinned();
    start(SimOptions.defaults().withClock(clock));
    PoClient other = new PoClient(sim);
    po.token();
    other.token();
    for (int i = 0; i < 8; i++) {
      assertThat((i % 2 == 0 ? po : other).get("/Customers").statusCode()).isEqualTo(204);
    }
    assertThat(other.get("/Customers").statusCode()).isEqualTo(429);
  }

  @Test
  void tokenEndpointIsLimitedToo() {
    SimClock clock = pinned();
    start(SimOptions.defaults().withClock(clock));
    int refused = 0;
    for (int i = 0; i < 12; i++) {
      po.forgetToken();
      try {
        po.token();
      } catch (IllegalStateException e) {
        assertThat(e.getMessage()).contains("429").contains("Rate limit is exceeded");
        refused++;
      }
    }
    assertThat(refused).isEqualTo(2);
  }

  @Test
  void noLimitsSwitchesTheLimitOff() {
    start(SimOptions.defaults().withClock(pinned()).withNoLimits(true));
    for (int i = 0; i < 30; i++) {
      assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    }
    assertThat(sim.counters().throttledCount()).isZero();
  }

  @Test
  void throttleFaultAnswersTheSameApim429() {
    start(SimOptions.defaults().withNoLimits(true).withFaults(io.tolk.sim.common.Faults.parse("throttle=1")));
    HttpResponse<String> r = po.get("/Customers");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("1");
    assertThat(PoClient.json(r).get("message").asText()).startsWith("Rate limit is exceeded");
  }
}
