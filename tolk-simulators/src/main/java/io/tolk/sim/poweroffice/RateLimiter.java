package io.tolk.sim.poweroffice;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per subscription key on the simulator's clock: {@code perSecond} tokens, refilled continuously.
 * On a pinned clock nothing refills until the clock is advanced, which makes the limit testable without sleeping.
 */
final class RateLimiter {
  private final Clock clock;
  private final double perSecond;
  private final Map<String, double[]> buckets = new HashMap<>(); // key -> {tokens, lastNanosSinceEpoch}

  RateLimiter(Clock clock, double perSecond) {
    this.clock = clock;
    this.perSecond = perSecond;
  }

  /** True when the call may proceed (and takes a token). */
  synchronized boolean tryAcquire(String key) {
    var now = clock.instant();
    double t = now.getEpochSecond() + now.getNano() / 1e9;
    double[] b = buckets.computeIfAbsent(key, k -> new double[] {perSecond, t});
    double elapsed = Math.max(0, t - b[1]);
    b[0] = Math.min(perSecond, b[0] + elapsed * perSecond);
    b[1] = Math.max(b[1], t);
    if (b[0] >= 1) {
      b[0] -= 1;
      return true;
    }
    return false;
  }

  /** Refills the bucket of one key. */
  synchronized void reset(String key) {
    buckets.remove(key);
  }

  synchronized void reset() {
    buckets.clear();
  }
}
