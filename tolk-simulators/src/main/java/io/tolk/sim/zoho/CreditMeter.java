package io.tolk.sim.zoho;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * API credits over a rolling 24-hour window on the sim clock. Thread-safe. A call is refused while the window's
 * credits are used up; its cost is charged after it ran (writes cost 1 per 10 records).
 */
public final class CreditMeter {
  private static final Duration WINDOW = Duration.ofHours(24);
  private record Charge(Instant at, long credits) {}

  private final Clock clock;
  private final ArrayDeque<Charge> charges = new ArrayDeque<>();
  private volatile long limit;
  private long used;

  public CreditMeter(Clock clock, long limit) {
    this.clock = clock;
    this.limit = limit;
  }

  public void setLimit(long limit) {
    if (limit < 1) throw new IllegalArgumentException("credits must be at least 1, was " + limit);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  private void evict(Instant now) {
    Instant from = now.minus(WINDOW);
    while (!charges.isEmpty() && !charges.peekFirst().at().isAfter(from)) used -= charges.removeFirst().credits();
  }

  /** True when no credit is left in the current window. */
  public synchronized boolean exhausted() {
    evict(clock.instant());
    return used >= limit;
  }

  /** Records a call's cost; returns the credits remaining. */
  public synchronized long charge(long credits) {
    Instant now = clock.instant();
    evict(now);
    Charge last = charges.peekLast();
    if (last != null && last.at().equals(now)) {
      charges.removeLast();
      charges.addLast(new Charge(now, last.credits() + credits));
    } else {
      charges.addLast(new Charge(now, credits));
    }
    used += credits;
    return Math.max(0, limit - used);
  }

  public synchronized long used() {
    evict(clock.instant());
    return used;
  }

  public synchronized void reset() {
    charges.clear();
    used = 0;
  }

  /** Credits a write of {@code records} records costs: 1 per 10, at least 1. */
  public static long writeCost(int records) {
    return Math.max(1, (records + 9) / 10);
  }
}
