package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh simulator per test on a pinned clock, with a client that already holds a token. */
abstract class ZohoSimTestBase {
  static final Instant T0 = Instant.parse("2025-01-10T08:00:00Z");
  protected SimClock clock;
  protected ZohoSimulator sim;
  protected ZohoHttp http;

  /** Override to change options (limits are on by default). */
  protected SimOptions options() {
    return SimOptions.defaults();
  }

  protected ZohoSettings settings() {
    return ZohoSettings.defaults();
  }

  @BeforeEach
  void startSimulator() {
    clock = new SimClock();
    clock.set(T0);
    sim = ZohoSimulator.start(options().withClock(clock), ZohoCredentials.demo(), settings());
    http = new ZohoHttp(sim.baseUrl());
  }

  @AfterEach
  void stopSimulator() {
    if (sim != null) sim.close();
  }

  static ObjectNode obj(Object... kv) {
    ObjectNode n = ZohoHttp.JSON.createObjectNode();
    for (int i = 0; i + 1 < kv.length; i += 2) n.set((String) kv[i], ZohoHttp.JSON.valueToTree(kv[i + 1]));
    return n;
  }

  /** {"data":[records...]}. */
  static ObjectNode data(Object... records) {
    ObjectNode body = ZohoHttp.JSON.createObjectNode();
    ArrayNode a = body.putArray("data");
    for (Object r : records) a.add(ZohoHttp.JSON.valueToTree(r));
    return body;
  }

  /** Inserts one Account through the API and returns its id. */
  String account(String name) {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", name)));
    if (r.status() != 201) throw new AssertionError("insert Account " + name + ": " + r.status() + " " + r.text());
    return r.item(0).path("details").path("id").asText();
  }

  String contact(Map<String, Object> fields) {
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts", data(fields));
    if (r.status() != 201) throw new AssertionError("insert Contact " + fields + ": " + r.status() + " " + r.text());
    return r.item(0).path("details").path("id").asText();
  }

  /** Loads n Accounts through the fixtures admin endpoint (fast), returning their ids. */
  List<String> fixtureAccounts(int n, String prefix) {
    ArrayNode list = ZohoHttp.JSON.createArrayNode();
    for (int i = 0; i < n; i++) list.addObject().put("Account_Name", prefix + i);
    ObjectNode body = ZohoHttp.JSON.createObjectNode();
    body.set("Accounts", list);
    ZohoHttp.Resp r = http.admin("/fixtures", body);
    if (r.status() != 200) throw new AssertionError("fixtures: " + r.status() + " " + r.text());
    List<String> ids = new ArrayList<>();
    for (JsonNode id : r.json().path("Accounts")) ids.add(id.asText());
    return ids;
  }
}
