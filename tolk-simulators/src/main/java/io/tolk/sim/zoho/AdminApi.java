package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimResponse;
import io.tolk.sim.common.SimServer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Zoho-specific admin endpoints under {@code /__sim}: fixtures (records loaded WITHOUT validation, as legacy data),
 * tokens/expire, reset, restore (from the recycle bin, same id) and notification delivery counts; each for the org
 * the request names ({@code ?tenant=REFRESH_TOKEN}, else the default org).
 */
public final class AdminApi {
  private final ObjectMapper mapper;
  private final Clock clock;
  private final java.util.function.Function<io.tolk.sim.common.SimRequest, ZohoOrg> orgs;

  /** @param orgs the org an admin request names (a 404 SimException for an unknown one) */
  AdminApi(ObjectMapper mapper, Clock clock, java.util.function.Function<io.tolk.sim.common.SimRequest, ZohoOrg> orgs) {
    this.mapper = mapper;
    this.clock = clock;
    this.orgs = orgs;
  }

  public void register(SimServer server) {
    server.adminRoute("POST", "/fixtures", (rq, p) -> fixtures(server, orgs.apply(rq).store(), server.adminBody(rq)));
    server.adminRoute("POST", "/tokens/expire", (rq, p) -> {
      orgs.apply(rq).tokens().expireAll();
      return SimResponse.json(200, Map.of("expired", true), mapper);
    });
    server.adminRoute("POST", "/reset", (rq, p) -> {
      orgs.apply(rq).reset();
      return SimResponse.json(200, Map.of("reset", true), mapper);
    });
    server.adminRoute("POST", "/restore", (rq, p) -> restore(server, orgs.apply(rq).store(), server.adminBody(rq)));
    server.adminRoute("GET", "/notifications", (rq, p) -> {
      Notifier notifier = orgs.apply(rq).notifier();
      return SimResponse.json(200, Map.of("channels", notifier.channels().size(), "delivered", notifier.delivered(),
          "failed", notifier.failed()), mapper);
    });
  }

  private SimResponse fixtures(SimServer server, RecordStore store, JsonNode body) {
    ObjectNode out = mapper.createObjectNode();
    for (ZohoModule m : ZohoModule.values()) {
      JsonNode list = body.get(m.apiName());
      if (list == null) continue;
      if (!list.isArray()) return server.adminError(400, "fixtures: " + m.apiName() + " must be an array of records");
      ArrayNode ids = out.putArray(m.apiName());
      int i = 0;
      for (JsonNode rec : list) {
        if (!rec.isObject()) return server.adminError(400, "fixtures: " + m.apiName() + "[" + i + "] must be an object");
        try {
          ids.add(Long.toString(load(store, m, rec)));
        } catch (IllegalArgumentException e) {
          return server.adminError(400, "fixtures: " + m.apiName() + "[" + i + "]: " + e.getMessage());
        }
        i++;
      }
    }
    return SimResponse.json(200, out, mapper);
  }

  private long load(RecordStore store, ZohoModule m, JsonNode rec) {
    long id;
    if (rec.hasNonNull("id")) {
      Long given = RecordValidator.parseId(rec.get("id").asText());
      if (given == null) throw new IllegalArgumentException("id must be a numeric string");
      id = given;
    } else {
      id = store.newId();
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant modified = time(rec, "Modified_Time", now);
    Instant created = time(rec, "Created_Time", modified.isBefore(now) ? modified : now);
    Map<String, String> values = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = rec.properties().iterator();
    while (it.hasNext()) {
      var e = it.next();
      String k = e.getKey();
      JsonNode v = e.getValue();
      if (k.equals("id") || k.equals("Modified_Time") || k.equals("Created_Time") || v.isNull()) continue;
      if (v.isObject()) {
        if (v.hasNonNull("id")) values.put(k, v.get("id").asText());
      } else if (v.isValueNode()) {
        values.put(k, v.asText());
      }
    }
    store.put(new StoredRecord(id, m, values, created, modified));
    return id;
  }

  private static Instant time(JsonNode rec, String field, Instant dflt) {
    if (!rec.hasNonNull(field)) return dflt;
    Instant t = ZohoTime.parse(rec.get(field).asText());
    if (t == null) throw new IllegalArgumentException(field + " must be an ISO-8601 datetime with offset");
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  private SimResponse restore(SimServer server, RecordStore store, JsonNode body) {
    ZohoModule m = ZohoModule.byApiName(body.path("module").asText("")).orElse(null);
    Long id = RecordValidator.parseId(body.path("id").asText(""));
    if (m == null || id == null) return server.adminError(400, "restore: give {\"module\":\"Accounts|Contacts\",\"id\":\"<id>\"}");
    DeletedEntry e = store.deletedEntry(m, id);
    if (e != null && e.deletedTime().plus(RecordsApi.RECYCLE_RETENTION).isBefore(clock.instant())) {
      return server.adminError(404, "restore: " + m.apiName() + " " + id + " was purged from the recycle bin");
    }
    StoredRecord r = store.restore(m, id, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    if (r == null) return server.adminError(404, "restore: " + m.apiName() + " " + id + " is not in the recycle bin");
    return SimResponse.json(200, Map.of("module", m.apiName(), "id", Long.toString(id), "restored", true), mapper);
  }
}
