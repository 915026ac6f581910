package io.tolk.clients.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.zoho.ZohoModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Zoho's official TypeScript SDK ({@value ZohoSdkInstall#PACKAGE}@{@value ZohoSdkInstall#VERSION}, from npm) against
 * the Zoho simulator, through the SDK's own operation classes, for everything tolk relies on: the token refresh,
 * the field metadata the SDK loads first, create/get/update of Accounts and of Contacts with an Account lookup,
 * listing past 2 000 records with page_token, search by e-mail and by criteria, delete and the deleted-records list,
 * and a notification subscription whose callback this test receives. Each test asserts what the SDK returned.
 * One simulator and one SDK process serve the whole class; each test uses records of its own.
 */
@RequiresZohoSdk
class OfficialZohoSdkTest {
  private static ZohoSdkSession session;
  private static JsonNode initResult;
  private static long tokenCallsAtInit;

  @BeforeEach
  void startOnce() {
    if (session == null) {
      session = ZohoSdkSession.start("OfficialZohoSdkTest", s -> s);
      initResult = session.init(true);
      tokenCallsAtInit = session.sim.counters().requests("oauth.token");
    }
  }

  @AfterAll
  static void stop() {
    if (session != null) session.close();
    session = null;
  }

  private static SdkDriver sdk() {
    return session.sdk;
  }

  private static JsonNode createOne(String module, Map<String, ?> fields) {
    JsonNode r = sdk().call("create", Map.of("module", module, "records", List.of(fields)));
    assertThat(r.path("statusCode").asInt()).as(r.toString()).isEqualTo(201);
    JsonNode item = r.path("items").path(0);
    assertThat(item.path("status").asText()).as(r.toString()).isEqualTo("success");
    return item;
  }

  /** The ids of the records in an SDK answer (top level only; lookups and owners have ids too). */
  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.path("records").forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  private static JsonNode getOne(String module, String id) {
    JsonNode r = sdk().call("get", Map.of("module", module, "id", id));
    assertThat(r.path("statusCode").asInt()).as(r.toString()).isEqualTo(200);
    assertThat(r.path("records")).hasSize(1);
    return r.path("records").path(0);
  }

  @Test
  void officialZohoSdkRefreshesItsTokenFromTheRefreshTokenAndLearnsWhoseItIs() {
    assertThat(initResult.path("hasAccessToken").asBoolean()).as(initResult.toString()).isTrue();
    assertThat(initResult.path("accessTokenPrefix").asText()).isEqualTo("1000");
    assertThat(initResult.path("apiDomain").asText()).as("api_domain adopted from the token answer")
        .isEqualTo(session.sim.baseUrl());
    assertThat(initResult.path("expiresInMs").asLong()).as("expires_in 3600 s read as seconds")
        .isBetween(3_500_000L, 3_600_000L);
    assertThat(initResult.path("user").asText()).as("user signature from /users?type=CurrentUser and /org")
        .isEqualTo("admin@tolk-sim.example:20099876543");
    assertThat(tokenCallsAtInit).as("one refresh at initialisation").isEqualTo(1);
  }

  @Test
  void officialZohoSdkLoadsTheModulesAndTheFieldMetadataOfAccountsAndContacts() throws Exception {
    JsonNode modules = sdk().call("modules");
    assertThat(modules.path("statusCode").asInt()).isEqualTo(200);
    assertThat(modules.path("modules").findValuesAsText("apiName")).containsExactly("Accounts", "Contacts");
    assertThat(modules.path("modules").findValues("apiSupported")).allMatch(JsonNode::asBoolean);

    JsonNode contacts = sdk().call("fields", Map.of("module", "Contacts"));
    assertThat(contacts.path("objectClass").asText()).isEqualTo("ResponseWrapper");
    List<JsonNode> fields = new ArrayList<>();
    contacts.path("fields").forEach(fields::add);
    assertThat(fields).as("the SDK read every field (a field it cannot read comes back null)").doesNotContainNull()
        .noneMatch(JsonNode::isNull);
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    fields.forEach(f -> byName.put(f.path("apiName").asText(), f));
    assertThat(byName.get("Last_Name").path("systemMandatory").asBoolean()).isTrue();
    assertThat(byName.get("Last_Name").path("length").asInt()).isEqualTo(80);
    assertThat(byName.get("Account_Name").path("dataType").asText()).isEqualTo("lookup");
    assertThat(byName.get("Account_Name").path("lookupModule").asText()).isEqualTo("Accounts");
    assertThat(byName.get("Owner").path("dataType").asText()).isEqualTo("ownerlookup");
    assertThat(byName.get("Email").path("dataType").asText()).isEqualTo("email");

    JsonNode accounts = sdk().call("fields", Map.of("module", "Accounts"));
    assertThat(accounts.path("fields").findValuesAsText("apiName")).contains("Account_Name", "Owner", "PowerOffice_Id");

    // the SDK keeps what it loaded in its own per-user field file, which its record calls read
    Path resources = sdk().workDir().resolve("resources");
    assertThat(resources).isDirectory();
    try (Stream<Path> files = Files.list(resources)) {
      List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
      assertThat(json).hasSize(1);
      JsonNode cached = SdkDriver.JSON.readTree(json.get(0).toFile());
      assertThat(cached.path("accounts").path("Account_Name").path("required").asBoolean())
          .as("Accounts fields in the SDK's field file: " + cached).isTrue();
    }
  }

  @Test
  void officialZohoSdkCreatesAccountAndReadsItBack() {
    JsonNode item = createOne("Accounts", Map.of("Account_Name", "Fjordkraft SDK AS", "Phone", "+47 22 33 44 55",
        "Website", "https://fjordkraft-sdk.example", "Billing_City", "Bergen"));
    assertThat(item.path("code").asText()).isEqualTo("SUCCESS");
    assertThat(item.path("message").asText()).isEqualTo("record added");
    String id = item.path("details").path("id").asText();
    assertThat(id).matches("\\d{10,19}");
    assertThat(item.path("details").path("Created_By").path("name").asText()).isEqualTo("Sim Admin");

    JsonNode account = getOne("Accounts", id);
    assertThat(account.path("id").asText()).isEqualTo(id);
    assertThat(account.path("Account_Name").asText()).isEqualTo("Fjordkraft SDK AS");
    assertThat(account.path("Phone").asText()).isEqualTo("+47 22 33 44 55");
    assertThat(account.path("Website").asText()).isEqualTo("https://fjordkraft-sdk.example");
    assertThat(account.path("Billing_City").asText()).isEqualTo("Bergen");
    assertThat(account.path("Owner").path("email").asText()).isEqualTo("admin@tolk-sim.example");
    Instant created = Instant.parse(account.path("Created_Time").asText());
    assertThat(Duration.between(created, Instant.now()).abs()).as("Created_Time parsed by the SDK as a date")
        .isLessThan(Duration.ofMinutes(5));
  }

  @Test
  void officialZohoSdkUpdatesAnAccountAndReadsTheNewValuesBack() {
    String id = createOne("Accounts", Map.of("Account_Name", "Havbris SDK AS", "Phone", "+47 55 00 00 01"))
        .path("details").path("id").asText();

    JsonNode r = sdk().call("update", Map.of("module", "Accounts", "id", id,
        "fields", Map.of("Phone", "+47 55 00 00 02", "Billing_Street", "Bryggen 1")));
    assertThat(r.path("statusCode").asInt()).isEqualTo(200);
    assertThat(r.path("items").path(0).path("code").asText()).isEqualTo("SUCCESS");
    assertThat(r.path("items").path(0).path("message").asText()).isEqualTo("record updated");
    assertThat(r.path("items").path(0).path("details").path("id").asText()).isEqualTo(id);

    JsonNode back = sdk().call("get", Map.of("module", "Accounts", "id", id,
        "fields", List.of("Account_Name", "Phone", "Billing_Street")));
    JsonNode account = back.path("records").path(0);
    assertThat(account.path("Phone").asText()).isEqualTo("+47 55 00 00 02");
    assertThat(account.path("Billing_Street").asText()).isEqualTo("Bryggen 1");
    assertThat(account.path("Account_Name").asText()).isEqualTo("Havbris SDK AS");
    assertThat(account.has("Website")).as("only the asked fields: " + account).isFalse();
  }

  @Test
  void officialZohoSdkCreatesAContactWithAnAccountLookupAndReadsTheLookupBack() {
    String accountId = createOne("Accounts", Map.of("Account_Name", "Nordlys SDK AS")).path("details").path("id").asText();
    JsonNode item = createOne("Contacts", Map.of("Last_Name", "Nordmann", "First_Name", "Kari",
        "Email", "kari.nordmann@nordlys-sdk.example", "Account_Name", Map.of("lookupId", accountId)));
    String contactId = item.path("details").path("id").asText();

    JsonNode contact = getOne("Contacts", contactId);
    assertThat(contact.path("Full_Name").asText()).isEqualTo("Kari Nordmann");
    assertThat(contact.path("Email").asText()).isEqualTo("kari.nordmann@nordlys-sdk.example");
    assertThat(contact.path("Account_Name").path("id").asText()).as(contact.toString()).isEqualTo(accountId);
    assertThat(contact.path("Account_Name").path("name").asText()).isEqualTo("Nordlys SDK AS");

    JsonNode moved = sdk().call("update", Map.of("module", "Contacts", "id", contactId,
        "fields", Map.of("Title", "CFO")));
    assertThat(moved.path("items").path(0).path("code").asText()).isEqualTo("SUCCESS");
    JsonNode again = getOne("Contacts", contactId);
    assertThat(again.path("Title").asText()).isEqualTo("CFO");
    assertThat(again.path("Account_Name").path("id").asText()).as("the lookup survives an update").isEqualTo(accountId);
  }

  @Test
  void officialZohoSdkListsPast2000RecordsWithPageTokenAndIsRefusedPastThemWithPage() {
    List<Map<String, String>> bulk = new ArrayList<>();
    for (int i = 0; i < 2150; i++) bulk.add(Map.of("Account_Name", String.format("Bulk SDK %04d", i)));
    session.fixtures("Accounts", bulk);
    int total = session.sim.recordCount(ZohoModule.ACCOUNTS);
    assertThat(total).isGreaterThan(2000);

    JsonNode all = sdk().call("listAll", Map.of("module", "Accounts", "fields", List.of("Account_Name"), "perPage", 200));
    assertThat(all.has("failed")).as(all.path("failed").toString()).isFalse();
    List<String> ids = new ArrayList<>();
    all.path("ids").forEach(n -> ids.add(n.asText()));
    Set<String> unique = new HashSet<>(ids);
    assertThat(ids).hasSize(total);
    assertThat(unique).as("no record twice across pages").hasSize(total);
    JsonNode pages = all.path("pages");
    assertThat(pages.size()).isEqualTo((total + 199) / 200);
    for (int i = 0; i < pages.size() - 1; i++) {
      assertThat(pages.path(i).path("count").asInt()).isEqualTo(200);
      assertThat(pages.path(i).path("moreRecords").asBoolean()).isTrue();
      assertThat(pages.path(i).path("hasNextPageToken").asBoolean()).isTrue();
    }
    assertThat(pages.path(pages.size() - 1).path("moreRecords").asBoolean()).isFalse();

    JsonNode page11 = sdk().call("list", Map.of("module", "Accounts", "fields", List.of("Account_Name"),
        "perPage", 200, "page", 11));
    assertThat(page11.path("statusCode").asInt()).isEqualTo(400);
    assertThat(page11.path("error").path("code").asText()).as(page11.toString())
        .isEqualTo("DISCRETE_PAGINATION_LIMIT_EXCEEDED");
  }

  @Test
  void officialZohoSdkSearchesContactsByEmailAndRecordsByCriteria() {
    String accountId = createOne("Accounts", Map.of("Account_Name", "Søkelys SDK AS")).path("details").path("id").asText();
    String contactId = createOne("Contacts", Map.of("Last_Name", "Søkersen", "First_Name", "Siri",
        "Email", "siri.sokersen@sokelys-sdk.example", "Account_Name", Map.of("lookupId", accountId)))
        .path("details").path("id").asText();
    createOne("Contacts", Map.of("Last_Name", "Søkersen", "Email", "other.sokersen@sokelys-sdk.example"));

    JsonNode byEmail = sdk().call("search", Map.of("module", "Contacts", "email", "siri.sokersen@sokelys-sdk.example"));
    assertThat(byEmail.path("statusCode").asInt()).isEqualTo(200);
    assertThat(ids(byEmail)).containsExactly(contactId);
    assertThat(byEmail.path("records").path(0).path("Account_Name").path("id").asText()).isEqualTo(accountId);

    JsonNode byCriteria = sdk().call("search", Map.of("module", "Contacts",
        "criteria", "((Last_Name:equals:Søkersen)and(Email:equals:siri.sokersen@sokelys-sdk.example))"));
    assertThat(ids(byCriteria)).containsExactly(contactId);

    JsonNode bothByName = sdk().call("search", Map.of("module", "Contacts", "criteria", "(Last_Name:equals:Søkersen)"));
    assertThat(bothByName.path("records")).hasSize(2);
    assertThat(bothByName.path("info").path("moreRecords").asBoolean()).isFalse();

    JsonNode account = sdk().call("search", Map.of("module", "Accounts", "criteria", "(Account_Name:equals:Søkelys SDK AS)"));
    assertThat(ids(account)).containsExactly(accountId);

    JsonNode none = sdk().call("search", Map.of("module", "Contacts", "email", "nobody@sokelys-sdk.example"));
    assertThat(none.path("statusCode").asInt()).as("no match is 204 with no body").isEqualTo(204);
    assertThat(none.path("objectClass").isNull()).isTrue();
  }

  @Test
  void officialZohoSdkDeletesARecordAndFindsItInTheDeletedList() {
    String id = createOne("Accounts", Map.of("Account_Name", "Avvikling SDK AS")).path("details").path("id").asText();
    JsonNode r = sdk().call("remove", Map.of("module", "Accounts", "ids", List.of(id)));
    assertThat(r.path("statusCode").asInt()).isEqualTo(200);
    assertThat(r.path("items").path(0).path("code").asText()).isEqualTo("SUCCESS");
    assertThat(r.path("items").path(0).path("message").asText()).isEqualTo("record deleted");
    assertThat(r.path("items").path(0).path("details").path("id").asText()).isEqualTo(id);

    JsonNode gone = sdk().call("get", Map.of("module", "Accounts", "id", id));
    assertThat(gone.path("statusCode").asInt()).isEqualTo(204);

    JsonNode recycle = sdk().call("deleted", Map.of("module", "Accounts", "type", "recycle"));
    assertThat(recycle.path("statusCode").asInt()).isEqualTo(200);
    assertThat(recycle.path("objectClass").asText()).isEqualTo("DeletedRecordsWrapper");
    JsonNode entry = null;
    for (JsonNode d : recycle.path("records")) if (d.path("id").asText().equals(id)) entry = d;
    assertThat(entry).as(recycle.toString()).isNotNull();
    assertThat(entry.path("type").asText()).isEqualTo("recycle");
    assertThat(entry.path("displayName").asText()).isEqualTo("Avvikling SDK AS");
    assertThat(Duration.between(Instant.parse(entry.path("deletedTime").asText()), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(5));
    assertThat(entry.path("deletedBy").path("name").asText()).isEqualTo("Sim Admin");

    JsonNode all = sdk().call("deleted", Map.of("module", "Accounts", "type", "all"));
    assertThat(ids(all)).contains(id);

    String a = createOne("Contacts", Map.of("Last_Name", "Batch One")).path("details").path("id").asText();
    String b = createOne("Contacts", Map.of("Last_Name", "Batch Two")).path("details").path("id").asText();
    JsonNode two = sdk().call("remove", Map.of("module", "Contacts", "ids", List.of(a, b)));
    assertThat(two.path("items").findValuesAsText("code")).containsExactly("SUCCESS", "SUCCESS");
    assertThat(two.path("items").findValues("details").stream().map(d -> d.path("id").asText())).containsExactly(a, b);
  }

  @Test
  void officialZohoSdkSubscribesToNotificationsAndTheListenerReceivesTheCallbacks() throws Exception {
    try (CallbackListener listener = new CallbackListener()) {
      String channel = "1000000068" + (System.nanoTime() % 1000);
      JsonNode enabled = sdk().call("watch", Map.of("channelId", channel, "events", List.of("Contacts.all"),
          "notifyUrl", listener.url(), "token", "tolk-verify-" + channel, "returnAffectedFieldValues", true));
      assertThat(enabled.path("statusCode").asInt()).as(enabled.toString()).isIn(200, 201);
      JsonNode ok = enabled.path("items").path(0);
      assertThat(ok.path("code").asText()).isEqualTo("SUCCESS");
      JsonNode event = ok.path("details").path("events").path(0);
      assertThat(event.path("channelId").asText()).isEqualTo(channel);
      assertThat(event.path("resourceName").asText()).isEqualTo("Contacts");
      assertThat(Instant.parse(event.path("channelExpiry").asText())).isAfter(Instant.now());

      JsonNode listed = sdk().call("watching", Map.of("channelId", channel));
      assertThat(listed.path("channels").path(0).path("notifyUrl").asText()).isEqualTo(listener.url());
      assertThat(listed.path("channels").path(0).path("events").path(0).asText()).isEqualTo("Contacts.all");

      long before = System.currentTimeMillis();
      String id = createOne("Contacts", Map.of("Last_Name", "Varsel", "Email", "varsel@notify-sdk.example"))
          .path("details").path("id").asText();
      CallbackListener.Callback insert = listener.next("insert", 10);
      assertThat(insert).as("an insert callback within 10 s").isNotNull();
      assertThat(insert.method()).isEqualTo("POST");
      assertThat(insert.contentType()).startsWith("application/json");
      JsonNode body = insert.body();
      assertThat(body.path("channel_id").asText()).isEqualTo(channel);
      assertThat(body.path("token").asText()).isEqualTo("tolk-verify-" + channel);
      assertThat(body.path("module").asText()).isEqualTo("Contacts");
      assertThat(body.path("operation").asText()).isEqualTo("insert");
      assertThat(body.path("ids")).hasSize(1);
      assertThat(body.path("ids").path(0).asText()).isEqualTo(id);
      assertThat(body.path("server_time").asLong()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
      assertThat(body.path("resource_uri").asText()).isEqualTo(session.sim.baseUrl() + "/crm/v8/Contacts");
      assertThat(body.path("query_params").isObject()).isTrue();
      assertThat(body.path("affected_fields").isArray()).isTrue();

      sdk().call("update", Map.of("module", "Contacts", "id", id, "fields", Map.of("Phone", "+47 400 00 000")));
      CallbackListener.Callback update = listener.next("update", 10);
      assertThat(update).as("an update callback within 10 s").isNotNull();
      assertThat(update.body().path("ids").path(0).asText()).isEqualTo(id);
      assertThat(update.body().path("channel_id").asText()).isEqualTo(channel);
      assertThat(update.body().path("token").asText()).isEqualTo("tolk-verify-" + channel);
      JsonNode affected = update.body().path("affected_values").path(0);
      assertThat(affected.path("record_id").asText()).as(update.body().toString()).isEqualTo(id);
      assertThat(affected.path("values").path("Phone").asText()).isEqualTo("+47 400 00 000");

      sdk().call("remove", Map.of("module", "Contacts", "ids", List.of(id)));
      CallbackListener.Callback delete = listener.next("delete", 10);
      assertThat(delete).as("a delete callback within 10 s").isNotNull();
      assertThat(delete.body().path("ids").path(0).asText()).isEqualTo(id);
      assertThat(delete.body().path("module").asText()).isEqualTo("Contacts");
    }
  }
}
