package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications (/actions/watch) and their callbacks to a local receiver. */
class ZohoNotificationsTest extends ZohoSimTestBase {
  private HttpServer receiver;
  private final BlockingQueue<JsonNode> callbacks = new LinkedBlockingQueue<>();
  private String notifyUrl;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> {
      callbacks.add(ZohoHttp.JSON.readTree(ex.getRequestBody()));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    receiver.start();
    notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private ZohoHttp.Resp enable(Map<String, Object> channel) {
    return http.post("/crm/v8/actions/watch", Map.of("watch", List.of(channel)));
  }

  private Map<String, Object> channel(String id, String... events) {
    return Map.of("channel_id", id, "events", List.of(events), "token", "verify-me", "notify_url", notifyUrl);
  }

  private JsonNode nextCallback() throws InterruptedException {
    JsonNode n = callbacks.poll(5, TimeUnit.SECONDS);
    assertThat(n).as("a callback within 5 s").isNotNull();
    return n;
  }

  @Test
  void enableAnswers201WithSubscribedEventsAndDefaultOneHourExpiry() {
    ZohoHttp.Resp r = enable(channel("1000000068001", "Accounts.all", "Contacts.edit"));
    assertThat(r.status()).isEqualTo(201);
    JsonNode item = r.json().path("watch").path(0);
    assertThat(item.path("code").asText()).isEqualTo("SUCCESS");
    assertThat(item.path("message").asText()).isEqualTo("Successfully subscribed for actions-watch of the given module");
    JsonNode events = item.path("details").path("events");
    assertThat(events.findValuesAsText("resource_name")).containsExactly("Accounts", "Contacts");
    assertThat(events.path(0).path("channel_expiry").asText()).isEqualTo("2025-01-10T10:00:00+01:00");
    assertThat(events.path(0).path("resource_uri").asText()).isEqualTo(sim.baseUrl() + "/crm/v8/Accounts");
  }

  @Test
  void insertUpdateAndDeleteOfAWatchedModuleAreCalledBack() throws InterruptedException {
    enable(channel("1000000068001", "Accounts.all"));
    String id = account("Fjord AS");
    JsonNode ins = nextCallback();
    assertThat(ins.path("operation").asText()).isEqualTo("insert");
    assertThat(ins.path("module").asText()).isEqualTo("Accounts");
    assertThat(ins.path("ids").path(0).asText()).isEqualTo(id);
    assertThat(ins.path("channel_id").asText()).isEqualTo("1000000068001");
    assertThat(ins.path("token").asText()).isEqualTo("verify-me");
    assertThat(ins.path("resource_uri").asText()).isEqualTo(sim.baseUrl() + "/crm/v8/Accounts");
    assertThat(ins.path("server_time").asLong()).isEqualTo(T0.toEpochMilli());
    http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "1")));
    assertThat(nextCallback().path("operation").asText()).isEqualTo("update");
    http.delete("/crm/v8/Accounts/" + id);
    assertThat(nextCallback().path("operation").asText()).isEqualTo("delete");
  }

  @Test
  void onlyWatchedOperationsAndModulesAreCalledBack() throws InterruptedException {
    enable(channel("1000000068002", "Contacts.edit"));
    account("Not watched");
    String c = contact(Map.of("Last_Name", "N"));
    http.put("/crm/v8/Contacts/" + c, data(Map.of("First_Name", "Kari")));
    JsonNode cb = nextCallback();
    assertThat(cb.path("module").asText()).isEqualTo("Contacts");
    assertThat(cb.path("operation").asText()).isEqualTo("update");
    assertThat(callbacks.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void expiredChannelStopsReceiving() throws InterruptedException {
    enable(channel("1000000068003", "Accounts.all"));
    clock.advance(Duration.ofMinutes(61));
    http.forgetToken();
    account("After expiry");
    assertThat(callbacks.poll(500, TimeUnit.MILLISECONDS)).isNull();
    assertThat(http.get("/crm/v8/actions/watch").status()).isEqualTo(204);
  }

  @Test
  void tokenLongerThan50CharactersIsRefused() {
    ZohoHttp.Resp r = enable(Map.of("channel_id", "1", "events", List.of("Accounts.all"), "token", "t".repeat(51),
        "notify_url", notifyUrl));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("watch").path(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.json().path("watch").path(0).path("details").path("api_name").asText()).isEqualTo("token");
  }

  @Test
  void channelExpiryBeyondOneWeekIsRefused() {
    ZohoHttp.Resp r = enable(Map.of("channel_id", "1", "events", List.of("Accounts.all"), "notify_url", notifyUrl,
        "channel_expiry", "2025-01-17T10:00:00+01:00"));
    assertThat(r.json().path("watch").path(0).path("details").path("api_name").asText()).isEqualTo("channel_expiry");
    ZohoHttp.Resp ok = enable(Map.of("channel_id", "1", "events", List.of("Accounts.all"), "notify_url", notifyUrl,
        "channel_expiry", "2025-01-17T08:00:00+01:00"));
    assertThat(ok.status()).isEqualTo(201);
  }

  @Test
  void missingNotifyUrlOrUnknownEventIsRefused() {
    ZohoHttp.Resp noUrl = enable(Map.of("channel_id", "1", "events", List.of("Accounts.all")));
    assertThat(noUrl.json().path("watch").path(0).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    ZohoHttp.Resp badEvent = enable(channel("1", "Leads.all"));
    assertThat(badEvent.json().path("watch").path(0).path("details").path("api_name").asText()).isEqualTo("events");
  }

  @Test
  void listPatchAndDisableManageChannels() {
    enable(channel("1000000068004", "Accounts.all", "Contacts.all"));
    ZohoHttp.Resp list = http.get("/crm/v8/actions/watch");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("watch").path(0).path("channel_id").asText()).isEqualTo("1000000068004");
    assertThat(list.json().path("info").path("count").asInt()).isEqualTo(1);
    ZohoHttp.Resp patch = http.call("PATCH", "/crm/v8/actions/watch", Map.of("watch",
        List.of(Map.of("channel_id", "1000000068004", "events", List.of("Contacts.all"), "_delete_events", true))));
    assertThat(patch.status()).isEqualTo(200);
    assertThat(http.get("/crm/v8/actions/watch").json().path("watch").path(0).path("events").toString())
        .isEqualTo("[\"Accounts.all\"]");
    ZohoHttp.Resp del = http.delete("/crm/v8/actions/watch?channel_ids=1000000068004");
    assertThat(del.status()).isEqualTo(200);
    assertThat(del.json().path("watch").path(0).path("message").asText()).isEqualTo("Successfully un-subscribed from actions-watch");
    assertThat(http.get("/crm/v8/actions/watch").status()).isEqualTo(204);
  }

  @Test
  void disableWithoutChannelIdsIsRefused() {
    assertThat(http.delete("/crm/v8/actions/watch").json().path("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
  }

  @Test
  void unreachableNotifyUrlDoesNotDisturbTheWrite() {
    enable(Map.of("channel_id", "5", "events", List.of("Accounts.all"), "notify_url", "http://127.0.0.1:1/nowhere"));
    assertThat(http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A"))).status()).isEqualTo(201);
  }

  private ZohoHttp.Resp watchCall(String method, Map<String, Object> channel) {
    return http.call(method, "/crm/v8/actions/watch", Map.of("watch", List.of(channel)));
  }

  @Test
  void putReplacesEventsUrlAndTokenSoOnlyTheNewEventsAreCalledBack() throws Exception {
    enable(channel("1000000068010", "Accounts.all"));
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    BlockingQueue<JsonNode> atOther = new LinkedBlockingQueue<>();
    other.createContext("/other", ex -> {
      atOther.add(ZohoHttp.JSON.readTree(ex.getRequestBody()));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    other.start();
    try {
      String otherUrl = "http://127.0.0.1:" + other.getAddress().getPort() + "/other";
      ZohoHttp.Resp r = watchCall("PUT", Map.of("channel_id", "1000000068010", "events", List.of("Contacts.create"),
          "notify_url", otherUrl));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.json().path("watch").path(0).path("message").asText()).isEqualTo("Successfully updated the subscribe details");
      JsonNode listed = http.get("/crm/v8/actions/watch").json().path("watch").path(0);
      assertThat(listed.path("events").toString()).isEqualTo("[\"Contacts.create\"]");
      assertThat(listed.path("notify_url").asText()).isEqualTo(otherUrl);
      assertThat(listed.path("token").isNull()).as("PUT replaces: a token not sent is gone").isTrue();

      account("No longer watched");
      String c = contact(Map.of("Last_Name", "Nordmann"));
      JsonNode cb = atOther.poll(5, TimeUnit.SECONDS);
      assertThat(cb).as("the contact insert reaches the new URL").isNotNull();
      assertThat(cb.path("module").asText()).isEqualTo("Contacts");
      assertThat(cb.path("ids").path(0).asText()).isEqualTo(c);
      assertThat(cb.path("token").isNull()).isTrue();
      assertThat(callbacks.poll(300, TimeUnit.MILLISECONDS)).as("nothing reaches the old URL").isNull();
      assertThat(atOther.poll(300, TimeUnit.MILLISECONDS)).as("the account insert is no longer watched").isNull();
    } finally {
      other.stop(0);
    }
  }

  @Test
  void putOfAChannelThatDoesNotExistIsNotSubscribed() {
    ZohoHttp.Resp r = watchCall("PUT", channel("1000000068011", "Accounts.all"));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("watch").path(0).path("code").asText()).isEqualTo("NOT_SUBSCRIBED");
    assertThat(http.get("/crm/v8/actions/watch").status()).isEqualTo(204);
  }

  @Test
  void callbacksCarryAffectedValuesOnlyWhenAskedFor() throws InterruptedException {
    enable(Map.of("channel_id", "1000000068012", "events", List.of("Accounts.edit"), "notify_url", notifyUrl,
        "return_affected_field_values", true));
    String id = account("Fjord AS");
    http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "+4722334455")));
    JsonNode cb = nextCallback();
    assertThat(cb.path("operation").asText()).isEqualTo("update");
    JsonNode affected = cb.path("affected_values");
    assertThat(affected.size()).isEqualTo(1);
    assertThat(affected.path(0).path("record_id").asText()).isEqualTo(id);
    assertThat(affected.path(0).path("values").path("Phone").asText()).isEqualTo("+4722334455");
    assertThat(affected.path(0).path("values").path("Account_Name").asText()).isEqualTo("Fjord AS");

    watchCall("PATCH", Map.of("channel_id", "1000000068012", "return_affected_field_values", false));
    http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "1")));
    JsonNode plain = nextCallback();
    assertThat(plain.has("affected_values")).as("switched off by PATCH: %s", plain).isFalse();
    assertThat(plain.path("ids").path(0).asText()).isEqualTo(id);
  }

  @Test
  void patchKeepsReturnAffectedFieldValuesWhenNotSent() throws InterruptedException {
    enable(Map.of("channel_id", "1000000068013", "events", List.of("Accounts.edit"), "notify_url", notifyUrl,
        "return_affected_field_values", true));
    watchCall("PATCH", Map.of("channel_id", "1000000068013", "token", "new-token"));
    String id = account("Fjord AS");
    http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "5")));
    JsonNode cb = nextCallback();
    assertThat(cb.path("token").asText()).isEqualTo("new-token");
    assertThat(cb.path("affected_values").path(0).path("values").path("Phone").asText()).isEqualTo("5");
  }

  @Test
  void extendingChannelExpiryByPatchKeepsTheChannelAliveAfterItsFirstExpiry() throws InterruptedException {
    renewAndProve("PATCH", "1000000068014");
  }

  @Test
  void extendingChannelExpiryByPutKeepsTheChannelAliveAfterItsFirstExpiry() throws InterruptedException {
    renewAndProve("PUT", "1000000068015");
  }

  private void renewAndProve(String method, String channelId) throws InterruptedException {
    enable(channel(channelId, "Accounts.all"));
    clock.advance(Duration.ofMinutes(50));
    Map<String, Object> renewal = new java.util.HashMap<>(channel(channelId, "Accounts.all"));
    renewal.put("channel_expiry", "2025-01-10T10:50:00+01:00");
    if (method.equals("PATCH")) {
      renewal.remove("events");
      renewal.remove("notify_url");
      renewal.remove("token");
    }
    ZohoHttp.Resp r = watchCall(method, renewal);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().path("watch").path(0).path("details").path("events").path(0).path("channel_expiry").asText())
        .isEqualTo("2025-01-10T10:50:00+01:00");
    clock.advance(Duration.ofMinutes(30)); // 10:20 local: past the first expiry (10:00), before the new one
    http.forgetToken();
    String id = account("After renewal");
    JsonNode cb = nextCallback();
    assertThat(cb.path("ids").path(0).asText()).isEqualTo(id);
    assertThat(cb.path("token").asText()).as("PATCH keeps, PUT resends the token").isEqualTo("verify-me");
    JsonNode listed = http.get("/crm/v8/actions/watch").json().path("watch").path(0);
    assertThat(listed.path("channel_expiry").asText()).isEqualTo("2025-01-10T10:50:00+01:00");
    clock.advance(Duration.ofMinutes(31)); // 10:51 local: past the renewed expiry
    http.forgetToken();
    account("After the renewed expiry");
    assertThat(callbacks.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void upsertInsertsAndUpdatesAreCalledBackAsInsertAndUpdate() throws InterruptedException {
    enable(Map.of("channel_id", "1000000068016", "events", List.of("Contacts.all"), "notify_url", notifyUrl,
        "return_affected_field_values", true));
    ZohoHttp.Resp first = http.post("/crm/v8/Contacts/upsert", Map.of("data", List.of(
        Map.of("Last_Name", "Nordmann", "PowerOffice_Id", "777")), "duplicate_check_fields", List.of("PowerOffice_Id")));
    String id = first.item(0).path("details").path("id").asText();
    JsonNode ins = nextCallback();
    assertThat(ins.path("operation").asText()).isEqualTo("insert");
    assertThat(ins.path("ids").path(0).asText()).isEqualTo(id);
    http.post("/crm/v8/Contacts/upsert", Map.of("data", List.of(
        Map.of("Last_Name", "Hansen", "PowerOffice_Id", "777"), Map.of("Last_Name", "Berg", "PowerOffice_Id", "778")),
        "duplicate_check_fields", List.of("PowerOffice_Id")));
    List<JsonNode> two = List.of(nextCallback(), nextCallback());
    JsonNode upd = two.stream().filter(c -> c.path("operation").asText().equals("update")).findFirst().orElseThrow();
    JsonNode ins2 = two.stream().filter(c -> c.path("operation").asText().equals("insert")).findFirst().orElseThrow();
    assertThat(upd.path("ids").toString()).isEqualTo("[\"" + id + "\"]");
    assertThat(upd.path("affected_values").path(0).path("values").path("Last_Name").asText()).isEqualTo("Hansen");
    assertThat(ins2.path("ids").size()).isEqualTo(1);
    assertThat(ins2.path("ids").path(0).asText()).isNotEqualTo(id);
  }
}
