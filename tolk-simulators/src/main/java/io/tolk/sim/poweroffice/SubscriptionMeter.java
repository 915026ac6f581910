package io.tolk.sim.poweroffice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each subscription key asked of the gateway, however many clients share it: the requests that reached the
 * rate limit (admitted or refused), the ones refused with 429, and the most that arrived within any one second (a
 * sliding window on the simulator's clock: requests at instants t and t' are in one window when |t - t'| < 1 s).
 * A test proves a shared limit was kept with {@code peakPerSecond <= 10}. Thread-safe.
 */
final class SubscriptionMeter {
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private static final class Usage {
    final ArrayDeque<Instant> lastSecond = new ArrayDeque<>();
    long requests;
    long throttled;
    int peak;
  }

  private final Clock clock;
  private final Map<String, Usage> byKey = new TreeMap<>();

  SubscriptionMeter(Clock clock) {
    this.clock = clock;
  }

  /** A request with this key reached the rate limit. */
  synchronized void arrived(String key) {
    Usage u = byKey.computeIfAbsent(key, k -> new Usage());
    Instant now = clock.instant();
    Instant from = now.minus(WINDOW);
    while (!u.lastSecond.isEmpty() && !u.lastSecond.peekFirst().isAfter(from)) {
      u.lastSecond.removeFirst();
    }
    u.lastSecond.addLast(now);
    u.requests++;
    u.peak = Math.max(u.peak, u.lastSecond.size());
  }

  /** The request that just arrived with this key was refused with 429. */
  synchronized void throttled(String key) {
    byKey.computeIfAbsent(key, k -> new Usage()).throttled++;
  }

  /** The most requests with this key within any one second so far (0 when none came). */
  synchronized int peakPerSecond(String key) {
    Usage u = byKey.get(key);
    return u == null ? 0 : u.peak;
  }

  /** {@code {"requests":n,"throttled":n,"peakPerSecond":n}} of the key (zeros when none came). */
  synchronized Map<String, Object> snapshot(String key) {
    Usage u = byKey.getOrDefault(key, new Usage());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", u.requests);
    m.put("throttled", u.throttled);
    m.put("peakPerSecond", u.peak);
    return m;
  }

  synchronized void reset(String key) {
    byKey.remove(key);
  }

  synchronized void reset() {
    byKey.clear();
  }
}
