package io.tolk.sim.zoho;

import io.tolk.sim.common.SimException;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * An authenticated Zoho API handler; it may raise the call's credit cost (default 1) and declare the call heavy
 * through {@code cost}.
 */
@FunctionalInterface
public interface ZohoHandler {
  SimResponse handle(SimRequest request, Map<String, String> pathParams, CallCost cost) throws Exception;

  /**
   * The credits a call costs, set by write handlers once they know the record count, and its place among the heavy
   * calls (insert/update/upsert of more than {@link #HEAVY_RECORDS} records), which share a smaller concurrency limit.
   */
  final class CallCost {
    /** A write of more records than this is a heavy call. */
    public static final int HEAVY_RECORDS = 10;

    private long credits = 1;
    private final Semaphore heavySlots;
    private final Supplier<SimException> refusal;
    private boolean holdsHeavySlot;

    /** Unlimited: {@link #heavy()} never refuses. */
    public CallCost() {
      this(null, null);
    }

    /** @param heavySlots the heavy calls' slots (null: unlimited); @param refusal the 429 to throw when none is free */
    public CallCost(Semaphore heavySlots, Supplier<SimException> refusal) {
      this.heavySlots = heavySlots;
      this.refusal = refusal;
    }

    public void set(long credits) {
      this.credits = credits;
    }

    public long credits() {
      return credits;
    }

    /** Declares a write of {@code records} records; a heavy one takes a heavy slot or is refused with 429 (no charge). */
    public void write(int records) {
      if (records <= HEAVY_RECORDS || heavySlots == null || holdsHeavySlot) return;
      if (!heavySlots.tryAcquire()) {
        credits = 0;
        throw refusal.get();
      }
      holdsHeavySlot = true;
    }

    /** Gives the heavy slot back, if this call took one. */
    public void release() {
      if (holdsHeavySlot) {
        holdsHeavySlot = false;
        heavySlots.release();
      }
    }
  }
}
