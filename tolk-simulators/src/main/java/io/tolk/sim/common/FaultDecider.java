package io.tolk.sim.common;

import java.util.Random;

/**
 * Picks the fault for each request from a seeded random sequence: one draw per request, so the same seed and the
 * same request order give the same faults. Thread-safe.
 */
public final class FaultDecider {
  private final Faults faults;
  private final Random random;

  public FaultDecider(Faults faults) {
    this.faults = faults;
    this.random = new Random(faults.seed());
  }

  public Faults faults() {
    return faults;
  }

  /** The fault for the next request. */
  public synchronized FaultKind next() {
    if (faults.throttle() == 0 && faults.error() == 0 && faults.drop() == 0 && faults.stall() == 0) {
      return FaultKind.NONE;
    }
    double r = random.nextDouble();
    double edge = faults.throttle();
    if (r < edge) return FaultKind.THROTTLE;
    edge += faults.error();
    if (r < edge) return FaultKind.ERROR;
    edge += faults.drop();
    if (r < edge) return FaultKind.DROP;
    edge += faults.stall();
    if (r < edge) return FaultKind.STALL;
    return FaultKind.NONE;
  }

  /** For an injected error: 500 or 503, from the same sequence. */
  public synchronized int nextErrorStatus() {
    return random.nextBoolean() ? 500 : 503;
  }
}
