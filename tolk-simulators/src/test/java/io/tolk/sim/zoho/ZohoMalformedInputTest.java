package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies on every Zoho write endpoint (records insert/update/upsert/delete, COQL, actions/watch): bad JSON,
 * wrong types, unknown fields, absurd sizes, empty bodies. Each must be answered in Zoho's own shape, never with a
 * 5xx: a whole-request error {@code {"code","details":{},"message","status":"error"}} or, for per-item failures, the
 * wrapper with every failed item in that shape.
 */
class ZohoMalformedInputTest extends ZohoSimTestBase {
  private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);

  /** Bodies that are not the object an endpoint takes. */
  private static final List<String> NOT_AN_OBJECT = List.of("", " ", "{", "}", "nul", "null", "[]", "[{}]", "\"text\"",
      "123", "true", "{\"a\":1}{\"b\":2}", "{\"a\":1,}", "{'a':1}", DEEP, "{\"x\":" + DEEP + "}", "\u0000\u0001",
      "{\"data\":[{\"Account_Name\":\"\\ud800\"}]", "{\"data\":1e99999}");

  private final List<String> failures = new ArrayList<>();

  /** Checks one exchange: below 500, and any error in Zoho's shape. */
  private void check(String what, ZohoHttp.Resp r) {
    String label = what + " -> " + r.status() + " " + abbreviate(r.text());
    if (r.status() >= 500) {
      failures.add("5xx: " + label);
      return;
    }
    if (r.status() < 400 && r.status() != 202 && r.status() != 207) return;
    JsonNode body = r.json();
    if (r.status() >= 400 && body.has("code")) {
      if (!isZohoError(body)) failures.add("not Zoho's error shape: " + label);
      return;
    }
    JsonNode items = body.has("data") ? body.get("data") : body.get("watch");
    if (items == null || !items.isArray() || items.isEmpty()) {
      failures.add("neither an error nor an item wrapper: " + label);
      return;
    }
    for (JsonNode item : items) {
      boolean ok = "success".equals(item.path("status").asText()) || isZohoError(item);
      if (!ok) failures.add("item not in Zoho's shape: " + label);
    }
  }

  private static boolean isZohoError(JsonNode n) {
    return n.path("code").isTextual() && !n.path("code").asText().isEmpty() && n.path("details").isObject()
        && n.path("message").isTextual() && "error".equals(n.path("status").asText());
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private void assertNoFailures() {
    assertThat(failures).as("malformed inputs answered wrongly").isEmpty();
  }

  private void send(String method, String path, String body) {
    check(method + " " + path + " " + abbreviate(body.replace(DEEP, "<deep>")),
        http.call(method, path, body, "Content-Type", "application/json"));
  }

  @Test
  void patchWatchDeletingEventsWithoutEventsNamesTheMissingField() {
    http.post("/crm/v8/actions/watch", Map.of("watch", List.of(Map.of("channel_id", "7",
        "events", List.of("Accounts.all"), "notify_url", "http://127.0.0.1:1/hook"))));
    ZohoHttp.Resp r = http.call("PATCH", "/crm/v8/actions/watch",
        Map.of("watch", List.of(Map.of("channel_id", "7", "_delete_events", true))));
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    JsonNode item = r.json().path("watch").path(0);
    assertThat(item.path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    assertThat(item.path("details").path("api_name").asText()).isEqualTo("events");
    assertThat(item.path("details").path("json_path").asText()).isEqualTo("$.watch[0].events");
    assertThat(http.get("/crm/v8/actions/watch").json().path("watch").path(0).path("events").toString())
        .as("the channel is unchanged").isEqualTo("[\"Accounts.all\"]");
  }

  @Test
  void watchFlagsThatAreNotBooleansAreInvalidData() {
    http.post("/crm/v8/actions/watch", Map.of("watch", List.of(Map.of("channel_id", "7",
        "events", List.of("Accounts.all"), "notify_url", "http://127.0.0.1:1/hook"))));
    for (String flag : List.of("_delete_events", "return_affected_field_values")) {
      ZohoHttp.Resp r = http.call("PATCH", "/crm/v8/actions/watch", Map.of("watch", List.of(Map.of("channel_id", "7",
          "events", List.of("Accounts.all"), flag, "yes"))));
      assertThat(r.status()).as(r.text()).isEqualTo(202);
      assertThat(r.json().path("watch").path(0).path("code").asText()).isEqualTo("INVALID_DATA");
      assertThat(r.json().path("watch").path(0).path("details").path("api_name").asText()).isEqualTo(flag);
    }
  }

  @Test
  void recordWriteEndpointsAnswerMalformedBodiesInZohoShape() {
    String id = account("Fjord AS");
    List<String[]> endpoints = List.of(new String[] {"POST", "/crm/v8/Accounts"}, new String[] {"PUT", "/crm/v8/Accounts"},
        new String[] {"PUT", "/crm/v8/Accounts/" + id}, new String[] {"POST", "/crm/v8/Accounts/upsert"},
        new String[] {"POST", "/crm/v8/Contacts"}, new String[] {"PUT", "/crm/v8/Contacts"},
        new String[] {"POST", "/crm/v8/Contacts/upsert"});
    List<String> bodies = new ArrayList<>(NOT_AN_OBJECT);
    bodies.addAll(List.of("{}", "{\"data\":null}", "{\"data\":{}}", "{\"data\":\"x\"}", "{\"data\":[]}", "{\"data\":[null]}",
        "{\"data\":[1]}", "{\"data\":[[]]}", "{\"data\":[\"x\"]}", "{\"data\":[{}]}",
        "{\"data\":[{\"Account_Name\":{\"a\":1}}]}", "{\"data\":[{\"Account_Name\":[1]}]}",
        "{\"data\":[{\"Account_Name\":true}]}", "{\"data\":[{\"Account_Name\":1e400}]}",
        "{\"data\":[{\"Last_Name\":{\"a\":1}}]}", "{\"data\":[{\"Bogus_Field\":1}]}", "{\"data\":[{\"\":1}]}",
        "{\"data\":[{\"id\":{\"x\":1}}]}", "{\"data\":[{\"id\":[1]}]}", "{\"data\":[{\"id\":true}]}",
        "{\"data\":[{\"id\":\"99999999999999999999999\"}]}", "{\"data\":[{\"id\":-1}]}",
        "{\"data\":[{\"Account_Name\":\"" + "x".repeat(100_000) + "\"}]}",
        "{\"data\":[{\"Owner\":\"me\"}]}", "{\"data\":[{\"Owner\":{\"id\":[]}}]}",
        "{\"data\":[{\"Account_Name\":{\"id\":{}}}]}", "{\"data\":[{\"Parent_Account\":{\"id\":\"abc\"}}]}",
        "{\"data\":[{\"Modified_Time\":\"yesterday\",\"Account_Name\":\"A\"}]}",
        "{\"data\":[{\"Account_Name\":\"A\"}],\"trigger\":\"workflow\"}", "{\"data\":[{\"Account_Name\":\"A\"}],\"trigger\":[1,{}]}",
        "{\"data\":[{\"Account_Name\":\"A\"}],\"duplicate_check_fields\":\"Account_Name\"}",
        "{\"data\":[{\"Account_Name\":\"A\"}],\"duplicate_check_fields\":[null]}",
        "{\"data\":[{\"Account_Name\":\"A\"}],\"duplicate_check_fields\":[{}]}",
        "{\"data\":[{\"Account_Name\":\"A\"}],\"duplicate_check_fields\":[]}",
        "{\"data\":[{\"Account_Name\":\"A\"}],\"unknown_top_level\":{\"x\":[1]}}",
        "{\"data\":" + manyRecords(101) + "}", "{\"data\":" + manyRecords(20_000) + "}"));
    for (String[] e : endpoints) {
      for (String body : bodies) send(e[0], e[1], body);
    }
    assertNoFailures();
  }

  private static String manyRecords(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ",").append("{\"Account_Name\":\"A").append(i).append("\"}");
    return sb.append(']').toString();
  }

  @Test
  void deleteAnswersMalformedIdListsInZohoShape() {
    for (String ids : List.of("", ",", ",,,", "abc", "-1", "1.5", "99999999999999999999999", "%20", "1,,2",
        "1".repeat(5000), String.join(",", java.util.Collections.nCopies(101, "1")))) {
      check("DELETE ids=" + abbreviate(ids), http.delete("/crm/v8/Accounts?ids=" + ZohoHttp.enc(ids)));
    }
    check("DELETE /Accounts/abc", http.delete("/crm/v8/Accounts/abc"));
    check("DELETE with a body", http.call("DELETE", "/crm/v8/Accounts?ids=1", "{\"data\":[1]}"));
    assertNoFailures();
  }

  @Test
  void coqlAnswersMalformedQueriesInZohoShape() {
    account("Fjord AS");
    List<String> bodies = new ArrayList<>(NOT_AN_OBJECT);
    bodies.addAll(List.of("{}", "{\"select_query\":null}", "{\"select_query\":5}", "{\"select_query\":[\"x\"]}",
        "{\"select_query\":{}}", "{\"select_query\":\"\"}", "{\"select_query\":\"   \"}", "{\"select_query\":\"select\"}",
        "{\"select_query\":\"select from\"}", "{\"select_query\":\"select Account_Name from\"}",
        "{\"select_query\":\"select Account_Name from Nowhere\"}",
        "{\"select_query\":\"select Account_Name from Accounts where\"}",
        "{\"select_query\":\"select Account_Name from Accounts where Account_Name = 'unterminated\"}",
        "{\"select_query\":\"select Account_Name from Accounts where Account_Name = \"}",
        "{\"select_query\":\"select Account_Name from Accounts where (((Account_Name = 'a'\"}",
        "{\"select_query\":\"select Account_Name from Accounts where Modified_Time > 'not a time'\"}",
        "{\"select_query\":\"select Account_Name from Accounts where Account_Name in ()\"}",
        "{\"select_query\":\"select Account_Name from Accounts limit 99999999999999999999\"}",
        "{\"select_query\":\"select Account_Name from Accounts limit -1\"}",
        "{\"select_query\":\"select Account_Name from Accounts limit 10 offset -5\"}",
        "{\"select_query\":\"select Account_Name from Accounts limit 10 offset 99999999999\"}",
        "{\"select_query\":\"select Account_Name from Accounts order by\"}",
        "{\"select_query\":\"select Account_Name from Accounts order by Nope desc\"}",
        "{\"select_query\":\"select Account_Name.Account_Name.Account_Name.x from Accounts\"}",
        "{\"select_query\":\"select Account_Name from Accounts where Account_Name like '%a%' and and\"}",
        "{\"select_query\":\"" + "select Account_Name, ".repeat(2000) + "\"}",
        "{\"select_query\":\"select " + "(".repeat(5000) + "\"}",
        "{\"select_query\":\"select Account_Name from Accounts where " + "Account_Name = 'a' or ".repeat(3000)
            + "Account_Name = 'b'\"}",
        "{\"select_query\":\"select Account_Name from Accounts\",\"extra\":1}"));
    for (String body : bodies) send("POST", "/crm/v8/coql", body);
    assertNoFailures();
  }

  @Test
  void watchEndpointsAnswerMalformedBodiesInZohoShape() {
    http.post("/crm/v8/actions/watch", Map.of("watch", List.of(Map.of("channel_id", "7",
        "events", List.of("Accounts.all"), "notify_url", "http://127.0.0.1:1/hook"))));
    List<String> bodies = new ArrayList<>(NOT_AN_OBJECT);
    String base = "\"channel_id\":\"7\",\"notify_url\":\"http://127.0.0.1:1/hook\"";
    bodies.addAll(List.of("{}", "{\"watch\":null}", "{\"watch\":\"x\"}", "{\"watch\":{}}", "{\"watch\":[]}",
        "{\"watch\":[null]}", "{\"watch\":[1]}", "{\"watch\":[[]]}", "{\"watch\":[{}]}",
        "{\"watch\":[{\"channel_id\":{}}]}", "{\"watch\":[{\"channel_id\":[7]}]}", "{\"watch\":[{\"channel_id\":true}]}",
        "{\"watch\":[{\"channel_id\":\"99999999999999999999999\"}]}", "{\"watch\":[{\"channel_id\":-7}]}",
        "{\"watch\":[{" + base + ",\"events\":\"Accounts.all\"}]}", "{\"watch\":[{" + base + ",\"events\":[1]}]}",
        "{\"watch\":[{" + base + ",\"events\":[null]}]}", "{\"watch\":[{" + base + ",\"events\":[{}]}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts\"]}]}", "{\"watch\":[{" + base + ",\"events\":[\".all\"]}]}",
        "{\"watch\":[{" + base + ",\"events\":[]}]}",
        "{\"watch\":[{\"channel_id\":\"7\",\"events\":[\"Accounts.all\"],\"notify_url\":{}}]}",
        "{\"watch\":[{\"channel_id\":\"7\",\"events\":[\"Accounts.all\"],\"notify_url\":\"not a url\"}]}",
        "{\"watch\":[{\"channel_id\":\"7\",\"events\":[\"Accounts.all\"],\"notify_url\":\"ftp://x/y\"}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"channel_expiry\":5}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"channel_expiry\":\"soon\"}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"channel_expiry\":{}}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"token\":5}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"token\":{}}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"token\":\"" + "t".repeat(10_000) + "\"}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"return_affected_field_values\":\"x\"}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"_delete_events\":\"x\"}]}",
        "{\"watch\":[{" + base + ",\"_delete_events\":true}]}",
        "{\"watch\":[{\"channel_id\":\"7\",\"_delete_events\":true}]}",
        "{\"watch\":[{\"channel_id\":\"7\",\"_delete_events\":true,\"events\":null}]}",
        "{\"watch\":[{\"channel_id\":\"7\",\"_delete_events\":true,\"events\":[]}]}",
        "{\"watch\":[{\"channel_id\":\"7\",\"_delete_events\":true,\"events\":[\"Contacts.all\"]}]}",
        "{\"watch\":[{" + base + ",\"events\":[\"Accounts.all\"],\"notification_condition\":\"x\",\"bogus\":[1]}]}",
        "{\"watch\":" + manyWatches(101) + "}", "{\"watch\":" + manyWatches(5000) + "}"));
    for (String method : List.of("POST", "PUT", "PATCH")) {
      for (String body : bodies) send(method, "/crm/v8/actions/watch", body);
    }
    for (String ids : List.of("", ",", ",,,", "abc", "99999999999999999999999", "7,,8")) {
      check("DELETE watch channel_ids=" + ids, http.delete("/crm/v8/actions/watch?channel_ids=" + ZohoHttp.enc(ids)));
    }
    assertNoFailures();
  }

  private static String manyWatches(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"channel_id\":\"").append(1000 + i)
          .append("\",\"events\":[\"Accounts.all\"],\"notify_url\":\"http://127.0.0.1:1/hook\"}");
    }
    return sb.append(']').toString();
  }

  @Test
  void malformedHeadersOnWritesAreAnsweredInZohoShape() {
    String id = account("Fjord AS");
    String body = "{\"data\":[{\"Phone\":\"1\"}]}";
    check("If-Unmodified-Since junk", http.call("PUT", "/crm/v8/Accounts/" + id, body, "If-Unmodified-Since", "junk"));
    check("X-EXTERNAL junk", http.call("PUT", "/crm/v8/Accounts/x", body, "X-EXTERNAL", "junk"));
    check("X-EXTERNAL unknown field", http.call("PUT", "/crm/v8/Accounts/x", body, "X-EXTERNAL", "Accounts.Nope"));
    check("Content-Type text/plain", http.call("POST", "/crm/v8/Accounts", "{\"data\":[{\"Account_Name\":\"T\"}]}",
        "Content-Type", "text/plain"));
    assertNoFailures();
  }

  @Test
  void aBodyOverTheSizeLimitIs413InZohoShape() {
    ZohoHttp.Resp r = http.call("POST", "/crm/v8/Accounts", "{\"data\":[{\"Account_Name\":\""
        + "x".repeat(11 * 1024 * 1024) + "\"}]}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(isZohoError(r.json())).as(r.text()).isTrue();
  }
}
