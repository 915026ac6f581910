package io.tolk.sim.common;

import java.util.Map;

/** Handles one route; {@code pathParams} hold the {names} of the route's template. Throwing SimException gives that error response. */
@FunctionalInterface
public interface SimHandler {
  SimResponse handle(SimRequest request, Map<String, String> pathParams) throws Exception;
}
