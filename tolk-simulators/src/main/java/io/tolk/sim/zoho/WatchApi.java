package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimRequest;
import io.tolk.sim.common.SimResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /crm/v8/actions/watch}: enable (POST, 201), list (GET, 204 when none), replace (PUT), amend or remove events
 * (PATCH, {@code _delete_events}), disable (DELETE {@code ?channel_ids=}). Per-item failures answer 202 with the
 * items, as Zoho's notifications document describes. Channel expiry defaults to 1 hour and may be at most 1 week.
 */
public final class WatchApi {
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);
  public static final int MAX_TOKEN_LENGTH = 50;
  private static final Set<String> OPERATIONS = Set.of("create", "edit", "delete", "all");

  private final ObjectMapper mapper;
  private final Notifier notifier;
  private final ZohoErrors errors;
  private final ZohoTime time;
  private final Clock clock;
  private final Supplier<String> baseUrl;

  public WatchApi(ObjectMapper mapper, Notifier notifier, ZohoErrors errors, ZohoTime time, Clock clock,
                  Supplier<String> baseUrl) {
    this.mapper = mapper;
    this.notifier = notifier;
    this.errors = errors;
    this.time = time;
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  private enum Kind { ENABLE, REPLACE, PATCH }

  public SimResponse enable(SimRequest rq) {
    return write(rq, Kind.ENABLE, 201);
  }

  public SimResponse replace(SimRequest rq) {
    return write(rq, Kind.REPLACE, 200);
  }

  public SimResponse patch(SimRequest rq) {
    return write(rq, Kind.PATCH, 200);
  }

  private SimResponse write(SimRequest rq, Kind kind, int okStatus) {
    JsonNode body;
    try {
      body = rq.body().length == 0 ? null : mapper.readTree(rq.body());
    } catch (Exception e) {
      throw errors.badBody("the request body is not valid JSON");
    }
    if (body == null || !body.isObject()) throw errors.badBody("the request body must be a JSON object");
    JsonNode watch = body.get("watch");
    if (watch == null || watch.isNull()) {
      ObjectNode d = errors.details();
      d.put("api_name", "watch");
      d.put("json_path", "$.watch");
      throw errors.fail(400, "MANDATORY_NOT_FOUND", ZohoErrors.MANDATORY_MESSAGE, d);
    }
    if (!watch.isArray() || watch.isEmpty() || watch.size() > 100) {
      ObjectNode d = errors.details();
      d.put("expected_data_type", "jsonarray");
      d.put("api_name", "watch");
      d.put("json_path", "$.watch");
      throw errors.fail(400, "INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
    }
    ObjectNode out = mapper.createObjectNode();
    ArrayNode items = out.putArray("watch");
    boolean anyFailed = false;
    for (int i = 0; i < watch.size(); i++) {
      ObjectNode item = one(watch.get(i), i, kind);
      if ("error".equals(item.path("status").asText())) anyFailed = true;
      items.add(item);
    }
    return SimResponse.json(anyFailed ? 202 : okStatus, out, mapper);
  }

  private ObjectNode one(JsonNode w, int i, Kind kind) {
    if (!w.isObject()) return invalid("watch", "$.watch[" + i + "]");
    JsonNode idNode = w.get("channel_id");
    if (idNode == null || idNode.isNull()) return mandatory("channel_id", i);
    String channelId = idNode.asText();
    if (!(idNode.isNumber() || idNode.isTextual()) || RecordValidator.parseId(channelId) == null) {
      return invalid("channel_id", path(i, "channel_id"));
    }
    WatchChannel existing = notifier.get(channelId);
    if (kind != Kind.ENABLE && existing == null) {
      ObjectNode d = errors.details();
      d.put("channel_id", channelId);
      return errors.item("NOT_SUBSCRIBED", "the channel is not subscribed", d);
    }
    boolean partial = kind == Kind.PATCH;
    for (String flag : List.of("_delete_events", "return_affected_field_values")) {
      JsonNode f = w.get(flag);
      if (f != null && !f.isNull() && !f.isBoolean()) return invalid(flag, path(i, flag));
    }
    boolean deleteEvents = partial && w.path("_delete_events").asBoolean(false);
    List<String> events;
    JsonNode ev = w.get("events");
    if (ev == null || ev.isNull()) {
      // removing events needs the events to remove; replacing needs the full list
      if (!partial || deleteEvents) return mandatory("events", i);
      events = existing.events();
    } else {
      if (!ev.isArray() || ev.isEmpty()) return invalid("events", path(i, "events"));
      events = new ArrayList<>();
      for (JsonNode e : ev) {
        if (!e.isTextual() || !validEvent(e.asText())) return invalid("events", path(i, "events"));
        events.add(e.asText());
      }
    }
    if (deleteEvents) {
      LinkedHashSet<String> left = new LinkedHashSet<>(existing.events());
      left.removeAll(events);
      if (left.isEmpty()) {
        notifier.remove(channelId);
      } else {
        notifier.put(new WatchChannel(channelId, List.copyOf(left), existing.expiry(), existing.token(),
            existing.notifyUrl(), existing.returnAffectedFieldValues()));
      }
      return success(channelId, List.copyOf(left), existing.expiry(), "Successfully removed the subscribe details");
    }
    String notifyUrl;
    JsonNode nu = w.get("notify_url");
    if (nu == null || nu.isNull()) {
      if (!partial) return mandatory("notify_url", i);
      notifyUrl = existing.notifyUrl();
    } else {
      notifyUrl = nu.asText();
      if (!validUrl(notifyUrl)) return invalid("notify_url", path(i, "notify_url"));
    }
    String token;
    JsonNode tk = w.get("token");
    if (tk == null || tk.isNull()) {
      token = partial ? existing.token() : null;
    } else {
      token = tk.asText();
      if (!tk.isTextual()) return invalid("token", path(i, "token"));
      if (token.length() > MAX_TOKEN_LENGTH) {
        ObjectNode d = errors.fieldDetails("token", i);
        d.put("json_path", path(i, "token"));
        d.put("maximum_length", MAX_TOKEN_LENGTH);
        return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
      }
    }
    Instant now = clock.instant();
    Instant expiry;
    JsonNode ex = w.get("channel_expiry");
    if (ex == null || ex.isNull()) {
      expiry = partial ? existing.expiry() : now.plus(DEFAULT_EXPIRY);
    } else {
      expiry = ZohoTime.parse(ex.asText());
      if (expiry == null || !expiry.isAfter(now) || expiry.isAfter(now.plus(MAX_EXPIRY).plusSeconds(60))) {
        return invalid("channel_expiry", path(i, "channel_expiry"));
      }
    }
    boolean affected = w.has("return_affected_field_values")
        ? w.path("return_affected_field_values").asBoolean(false)
        : partial && existing.returnAffectedFieldValues();
    notifier.put(new WatchChannel(channelId, events, expiry, token, notifyUrl, affected));
    return success(channelId, events, expiry, kind == Kind.ENABLE
        ? "Successfully subscribed for actions-watch of the given module" : "Successfully updated the subscribe details");
  }

  private static String path(int i, String field) {
    return "$.watch[" + i + "]." + field;
  }

  private ObjectNode mandatory(String field, int i) {
    ObjectNode d = errors.details();
    d.put("api_name", field);
    d.put("json_path", path(i, field));
    return errors.item("MANDATORY_NOT_FOUND", ZohoErrors.MANDATORY_MESSAGE, d);
  }

  private ObjectNode invalid(String field, String jsonPath) {
    ObjectNode d = errors.details();
    d.put("api_name", field);
    d.put("json_path", jsonPath);
    return errors.item("INVALID_DATA", ZohoErrors.INVALID_DATA_MESSAGE, d);
  }

  private static boolean validEvent(String e) {
    int dot = e.indexOf('.');
    if (dot < 0) return false;
    return ZohoModule.byApiName(e.substring(0, dot)).isPresent() && OPERATIONS.contains(e.substring(dot + 1));
  }

  private static boolean validUrl(String u) {
    try {
      URI uri = new URI(u);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }

  private ObjectNode success(String channelId, List<String> events, Instant expiry, String message) {
    ObjectNode item = mapper.createObjectNode();
    item.put("code", "SUCCESS");
    ObjectNode d = item.putObject("details");
    ArrayNode evs = d.putArray("events");
    Set<ZohoModule> seen = new LinkedHashSet<>();
    for (String e : events) ZohoModule.byApiName(e.substring(0, e.indexOf('.'))).ifPresent(seen::add);
    for (ZohoModule m : seen) {
      ObjectNode n = evs.addObject();
      n.put("channel_expiry", time.format(expiry));
      n.put("resource_uri", baseUrl.get() + "/crm/v8/" + m.apiName());
      n.put("resource_id", RecordWriter.moduleId(m));
      n.put("resource_name", m.apiName());
      n.put("channel_id", channelId);
    }
    item.put("message", message);
    item.put("status", "success");
    return item;
  }

  /** {@code GET /crm/v8/actions/watch}, optionally filtered by {@code channel_id} or {@code module}. */
  public SimResponse list(SimRequest rq) {
    String channelId = rq.query("channel_id");
    String module = rq.query("module");
    ObjectNode body = mapper.createObjectNode();
    ArrayNode a = body.putArray("watch");
    for (WatchChannel c : notifier.channels()) {
      if (channelId != null && !channelId.equals(c.channelId())) continue;
      if (module != null && c.events().stream().noneMatch(e -> e.regionMatches(true, 0, module + ".", 0, module.length() + 1))) {
        continue;
      }
      ObjectNode n = a.addObject();
      n.put("channel_id", c.channelId());
      ArrayNode evs = n.putArray("events");
      c.events().forEach(evs::add);
      n.put("channel_expiry", time.format(c.expiry()));
      if (c.token() == null) n.putNull("token");
      else n.put("token", c.token());
      n.put("notify_url", c.notifyUrl());
      n.put("return_affected_field_values", c.returnAffectedFieldValues());
    }
    if (a.isEmpty()) return SimResponse.empty(204);
    ObjectNode info = body.putObject("info");
    info.put("per_page", 200);
    info.put("page", 1);
    info.put("count", a.size());
    info.put("more_records", false);
    return SimResponse.json(200, body, mapper);
  }

  /** {@code DELETE /crm/v8/actions/watch?channel_ids=1,2}. */
  public SimResponse disable(SimRequest rq) {
    String p = rq.query("channel_ids");
    if (p == null || p.isBlank()) throw errors.missingParam("channel_ids");
    ObjectNode body = mapper.createObjectNode();
    ArrayNode items = body.putArray("watch");
    if (p.replace(",", "").isBlank()) throw errors.missingParam("channel_ids");
    boolean anyFailed = false;
    for (String id : p.split(",")) {
      if (id.isBlank()) continue;
      String channelId = id.trim();
      if (notifier.remove(channelId)) {
        ObjectNode item = items.addObject();
        item.put("code", "SUCCESS");
        item.putObject("details").put("channel_id", channelId);
        item.put("message", "Successfully un-subscribed from actions-watch");
        item.put("status", "success");
      } else {
        anyFailed = true;
        ObjectNode d = errors.details();
        d.put("channel_id", channelId);
        items.add(errors.item("NOT_SUBSCRIBED", "the channel is not subscribed", d));
      }
    }
    return SimResponse.json(anyFailed ? 202 : 200, body, mapper);
  }
}
