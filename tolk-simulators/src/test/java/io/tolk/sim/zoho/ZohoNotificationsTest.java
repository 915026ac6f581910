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
}
