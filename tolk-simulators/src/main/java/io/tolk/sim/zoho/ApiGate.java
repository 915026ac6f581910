package io.tolk.sim.zoho;

import io.tolk.sim.common.SimCounters;
import io.tolk.sim.common.SimException;
import io.tolk.sim.common.SimHandler;
import io.tolk.sim.common.SimResponse;
import java.util.concurrent.Semaphore;

/**
 * What every Zoho API call passes before its handler: the {@code Authorization: Zoho-oauthtoken} check (else 401
 * INVALID_TOKEN), the concurrency limit and the rolling 24-hour credits (else 429 TOO_MANY_REQUESTS), and after it the
 * credit charge with the {@code X-API-CREDITS-REMAINING} header once half the credits are used. Heavy calls (writes of
 * more than 10 records, declared by the handler through {@link ZohoHandler.CallCost#write}) also need one of
 * {@link #HEAVY_CONCURRENCY} heavy slots (else 429, not charged). Limits are skipped when the simulator runs with
 * noLimits.
 */
public final class ApiGate {
  static final String PREFIX = "Zoho-oauthtoken ";
  /** Zoho's sub-concurrency limit for heavy calls (§2.9), whatever the edition. */
  public static final int HEAVY_CONCURRENCY = 10;

  private final TokenIssuer tokens;
  private final CreditMeter credits;
  private final ZohoErrors errors;
  private final SimCounters counters;
  private volatile boolean limits;
  private volatile Semaphore inFlight;
  private volatile int concurrencyLimit;
  private final Semaphore heavySlots = new Semaphore(HEAVY_CONCURRENCY);

  public ApiGate(TokenIssuer tokens, CreditMeter credits, ZohoErrors errors, SimCounters counters, boolean limits,
                 int concurrencyLimit) {
    this.tokens = tokens;
    this.credits = credits;
    this.errors = errors;
    this.counters = counters;
    this.limits = limits;
    setConcurrencyLimit(concurrencyLimit);
  }

  /** Sets the simultaneous calls allowed; calls in flight finish under the old limit. */
  public void setConcurrencyLimit(int limit) {
    if (limit < 1) throw new IllegalArgumentException("concurrency must be at least 1, was " + limit);
    this.concurrencyLimit = limit;
    this.inFlight = new Semaphore(limit);
  }

  /** Switches the concurrency and credit limits on or off for calls that arrive from now on. */
  public void setEnforced(boolean on) {
    this.limits = on;
  }

  /** Whether the limits are enforced. */
  public boolean enforced() {
    return limits;
  }

  public int concurrencyLimit() {
    return concurrencyLimit;
  }

  public SimHandler wrap(ZohoHandler handler) {
    return (rq, params) -> {
      String auth = rq.header("Authorization");
      if (auth == null || !auth.startsWith(PREFIX) || !tokens.isValid(auth.substring(PREFIX.length()).trim())) {
        return errors.invalidToken();
      }
      if (!limits) return run(handler, rq, params, new ZohoHandler.CallCost());
      Semaphore gate = inFlight;
      if (!gate.tryAcquire()) {
        counters.throttled();
        return errors.throttled(rq);
      }
      try {
        if (credits.exhausted()) {
          counters.throttled();
          return errors.throttled(rq);
        }
        ZohoHandler.CallCost cost = new ZohoHandler.CallCost(heavySlots, () -> {
          counters.throttled();
          return new SimException(errors.throttled(rq));
        });
        try {
          SimResponse r = run(handler, rq, params, cost);
          long remaining = credits.charge(cost.credits());
          if (credits.used() * 2 >= credits.limit()) r = r.withHeader("X-API-CREDITS-REMAINING", Long.toString(remaining));
          return r;
        } finally {
          cost.release();
        }
      } finally {
        gate.release();
      }
    };
  }

  private static SimResponse run(ZohoHandler h, io.tolk.sim.common.SimRequest rq, java.util.Map<String, String> params,
                                 ZohoHandler.CallCost cost) throws Exception {
    try {
      return h.handle(rq, params, cost);
    } catch (SimException e) {
      return e.response();
    }
  }
}
