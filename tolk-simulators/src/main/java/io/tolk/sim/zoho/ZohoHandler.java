package io.tolk.sim.zoho;

import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.util.Map;

/** An authenticated Zoho API handler; it may raise the call's credit cost (default 1) through {@code cost}. */
@FunctionalInterface
public interface ZohoHandler {
  SimResponse handle(SimRequest request, Map<String, String> pathParams, CallCost cost) throws Exception;

  /** The credits a call costs; set by write handlers once they know the record count. */
  final class CallCost {
    private long credits = 1;

    public void set(long credits) {
      this.credits = credits;
    }

    public long credits() {
      return credits;
    }
  }
}
