package io.tolk.sim.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the tests can set or advance; otherwise it follows system time plus an offset. Thread-safe.
 * <p>Time never goes backwards through {@link #release()}: releasing a pinned clock keeps the pinned instant
 * as the lower bound by adjusting the offset.</p>
 */
public final class SimClock extends Clock {
  private Instant pinned;              // non-null while set()
  private Duration offset = Duration.ZERO;

  /** System time, offset 0. */
  public SimClock() {
  }

  @Override
  public synchronized Instant instant() {
    return pinned != null ? pinned : Instant.now().plus(offset);
  }

  /** Pins time: from now on {@link #instant()} returns exactly this until advanced or released. */
  public synchronized void set(Instant now) {
    if (now == null) {
      throw new IllegalArgumentException("SimClock.set: instant must not be null");
    }
    pinned = now;
  }

  /** Moves pinned time (or, when following system time, the offset) forward by {@code d}. */
  public synchronized void advance(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("SimClock.advance: duration must be zero or positive, was " + d);
    }
    if (pinned != null) {
      pinned = pinned.plus(d);
    } else {
      offset = offset.plus(d);
    }
  }

  /** Back to following system time; keeps an offset so that time never goes backwards. */
  public synchronized void release() {
    if (pinned == null) {
      return;
    }
    Duration needed = Duration.between(Instant.now(), pinned);
    if (needed.compareTo(offset) > 0) {
      offset = needed;
    }
    pinned = null;
  }

  /** True while the clock is pinned by {@link #set(Instant)}. */
  public synchronized boolean isPinned() {
    return pinned != null;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** A SimClock is always UTC; asking for another zone returns a plain fixed view is not supported. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    SimClock self = this;
    return new Clock() {
      @Override public ZoneId getZone() { return zone; }
      @Override public Clock withZone(ZoneId z) { return self.withZone(z); }
      @Override public Instant instant() { return self.instant(); }
    };
  }

  @Override
  public String toString() {
    return "SimClock[" + instant() + (isPinned() ? ", pinned" : "") + "]";
  }
}
