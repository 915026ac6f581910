package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimResponse;
import io.tolk.sim.common.SimServer;

/**
 * {@code GET /__sim/limits} shows the org's API limits and usage; {@code POST /__sim/limits} with
 * {@code {"edition":"professional","credits":100000,"concurrency":12}} (each optional; the edition first, then the
 * overrides) changes them at once. {@code enforced} is false when the simulator runs with noLimits (or they were switched off since). Limits are per
 * org: each request is for the org it names ({@code ?tenant=REFRESH_TOKEN}, else the default org).
 */
public final class LimitsApi {
  private final ObjectMapper mapper;
  private final java.util.function.Function<io.tolk.sim.common.SimRequest, ZohoOrg> orgs;

  /** @param orgs the org an admin request names (a 404 SimException for an unknown one) */
  LimitsApi(ObjectMapper mapper, java.util.function.Function<io.tolk.sim.common.SimRequest, ZohoOrg> orgs) {
    this.mapper = mapper;
    this.orgs = orgs;
  }

  public void register(SimServer server) {
    server.adminRoute("GET", "/limits", (rq, p) -> SimResponse.json(200, state(orgs.apply(rq)), mapper));
    server.adminRoute("POST", "/limits", (rq, p) -> {
      ZohoOrg org = orgs.apply(rq);
      CreditMeter credits = org.credits();
      ApiGate gate = org.gate();
      JsonNode body = server.adminBody(rq);
      long newCredits = credits.limit();
      int newConcurrency = gate.concurrencyLimit();
      try {
        if (body.hasNonNull("edition")) {
          ZohoEdition e = ZohoEdition.parse(body.get("edition").asText());
          newCredits = e.creditsPerDay();
          newConcurrency = e.concurrency();
        }
        if (body.hasNonNull("credits")) newCredits = positive(body.get("credits"), "credits");
        if (body.hasNonNull("concurrency")) newConcurrency = (int) Math.min(Integer.MAX_VALUE, positive(body.get("concurrency"), "concurrency"));
      } catch (IllegalArgumentException e) {
        return server.adminError(400, "limits: " + e.getMessage());
      }
      credits.setLimit(newCredits);
      gate.setConcurrencyLimit(newConcurrency);
      return SimResponse.json(200, state(org), mapper);
    });
  }

  private static long positive(JsonNode n, String name) {
    if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 1) {
      throw new IllegalArgumentException(name + " must be a whole number of at least 1, was " + n);
    }
    return n.asLong();
  }

  /** The org's limits and usage, as {@code GET /__sim/limits} answers them. */
  ObjectNode state(ZohoOrg org) {
    CreditMeter credits = org.credits();
    ApiGate gate = org.gate();
    ObjectNode n = mapper.createObjectNode();
    long limit = credits.limit();
    int concurrency = gate.concurrencyLimit();
    String edition = "custom";
    for (ZohoEdition e : ZohoEdition.values()) {
      if (e.creditsPerDay() == limit && e.concurrency() == concurrency) edition = e.word();
    }
    n.put("edition", edition);
    n.put("credits", limit);
    long used = credits.used();
    n.put("creditsUsed", used);
    n.put("creditsRemaining", Math.max(0, limit - used));
    n.put("concurrency", concurrency);
    n.put("heavyConcurrency", ApiGate.HEAVY_CONCURRENCY);
    n.put("enforced", gate.enforced());
    return n;
  }
}
