package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checklist item 3: insert and update, their statuses, validation and stamping. */
class ZohoWriteRecordsTest extends ZohoSimTestBase {

  @Test
  void singleRecordInsertAnswers201WithRecordAddedDetails() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS")));
    assertThat(r.status()).isEqualTo(201);
    JsonNode item = r.item(0);
    assertThat(item.path("code").asText()).isEqualTo("SUCCESS");
    assertThat(item.path("status").asText()).isEqualTo("success");
    assertThat(item.path("message").asText()).isEqualTo("record added");
    assertThat(item.path("details").path("id").asText()).matches("\\d{19}");
    assertThat(item.path("details").path("Created_Time").asText()).isEqualTo("2025-01-10T09:00:00+01:00");
    assertThat(item.path("details").path("Modified_By").path("id").asText()).isNotEmpty();
    assertThat(item.path("details").path("Created_By").path("name").asText()).isNotEmpty();
  }

  @Test
  void multiRecordInsertAnswers202WithItemsInRequestOrder() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A"), Map.of("Account_Name", "B")));
    assertThat(r.status()).isEqualTo(202);
    String a = r.item(0).path("details").path("id").asText();
    String b = r.item(1).path("details").path("id").asText();
    assertThat(http.get("/crm/v8/Accounts/" + a).item(0).path("Account_Name").asText()).isEqualTo("A");
    assertThat(http.get("/crm/v8/Accounts/" + b).item(0).path("Account_Name").asText()).isEqualTo("B");
  }

  @Test
  void partlyFailedBatchAnswers207AndAllFailedAnswers400() {
    ZohoHttp.Resp mixed = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A"), Map.of("Phone", "1")));
    assertThat(mixed.status()).isEqualTo(207);
    assertThat(mixed.item(0).path("status").asText()).isEqualTo("success");
    assertThat(mixed.item(1).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    ZohoHttp.Resp failed = http.post("/crm/v8/Accounts", data(Map.of("Phone", "1"), Map.of("Phone", "2")));
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.json().path("data")).hasSize(2);
  }

  @Test
  void moreThan100RecordsPerCallIsRefusedWithLimitExceeded() {
    Object[] recs = new Object[101];
    for (int i = 0; i < recs.length; i++) recs[i] = Map.of("Account_Name", "A" + i);
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(recs));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isZero();
  }

  @Test
  void accountWithoutAccountNameIsRefusedWithMandatoryNotFound() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Phone", "1"), Map.of("Account_Name", " ")));
    assertThat(r.item(0).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    assertThat(r.item(0).path("message").asText()).isEqualTo("required field not found");
    assertThat(r.item(0).path("details").path("api_name").asText()).isEqualTo("Account_Name");
    assertThat(r.item(0).path("details").path("json_path").asText()).isEqualTo("$.data[0].Account_Name");
    assertThat(r.item(1).path("details").path("json_path").asText()).isEqualTo("$.data[1].Account_Name");
  }

  @Test
  void contactWithoutLastNameIsRefusedWithMandatoryNotFound() {
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts", data(Map.of("First_Name", "Kari")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    assertThat(r.item(0).path("details").path("api_name").asText()).isEqualTo("Last_Name");
  }

  @Test
  void valueLongerThanTheFieldLengthIsRefusedWithInvalidDataAndMaximumLength() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "x".repeat(101))));
    assertThat(r.status()).isEqualTo(400);
    JsonNode item = r.item(0);
    assertThat(item.path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(item.path("details").path("api_name").asText()).isEqualTo("Account_Name");
    assertThat(item.path("details").path("maximum_length").asInt()).isEqualTo(100);
    assertThat(http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "x".repeat(100)))).status()).isEqualTo(201);
  }

  @Test
  void contactsLengthsAreConfigurable() {
    sim.close();
    sim = ZohoSimulator.start(options().withClock(clock), ZohoCredentials.demo(),
        ZohoSettings.defaults().withContactLengths(Map.of("Mailing_City", 10)));
    http = new ZohoHttp(sim.baseUrl());
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts", data(Map.of("Last_Name", "N", "Mailing_City", "Kristiansand S")));
    assertThat(r.item(0).path("details").path("maximum_length").asInt()).isEqualTo(10);
  }

  @Test
  void malformedEmailIsRefusedWithInvalidData() {
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts", data(Map.of("Last_Name", "N", "Email", "kari(at)fjord.no")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.item(0).path("details").path("api_name").asText()).isEqualTo("Email");
    assertThat(http.post("/crm/v8/Contacts", data(Map.of("Last_Name", "N", "Email", "kari@fjord.no"))).status()).isEqualTo(201);
  }

  @Test
  void malformedWebsiteIsRefusedWithInvalidData() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A", "Website", "not a url")));
    assertThat(r.item(0).path("details").path("api_name").asText()).isEqualTo("Website");
    assertThat(http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A", "Website", "www.fjord.no"))).status()).isEqualTo(201);
  }

  @Test
  void contactAccountLookupToMissingAccountIsRefusedWithInvalidDataOnAccountName() {
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts",
        data(Map.of("Last_Name", "N", "Account_Name", Map.of("id", "4876876000000999999"))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.item(0).path("details").path("api_name").asText()).isEqualTo("Account_Name");
    String acc = account("Fjord AS");
    assertThat(http.post("/crm/v8/Contacts", data(Map.of("Last_Name", "N", "Account_Name", Map.of("id", acc)))).status())
        .isEqualTo(201);
  }

  @Test
  void lookupGivenAsPlainStringIsRefusedWithInvalidData() {
    String acc = account("Fjord AS");
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts", data(Map.of("Last_Name", "N", "Account_Name", acc)));
    assertThat(r.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.item(0).path("details").path("expected_data_type").asText()).isEqualTo("jsonobject");
  }

  @Test
  void uniqueFieldDuplicateIsRefusedWithDuplicateDataNamingTheExistingRecord() {
    ZohoHttp.Resp first = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A", "PowerOffice_Id", "777")));
    String existing = first.item(0).path("details").path("id").asText();
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "B", "PowerOffice_Id", "777")));
    assertThat(r.status()).isEqualTo(400);
    JsonNode item = r.item(0);
    assertThat(item.path("code").asText()).isEqualTo("DUPLICATE_DATA");
    assertThat(item.path("details").path("api_name").asText()).isEqualTo("PowerOffice_Id");
    assertThat(item.path("details").path("duplicate_record").path("id").asText()).isEqualTo(existing);
    assertThat(item.path("details").path("duplicate_record").path("module").path("api_name").asText()).isEqualTo("Accounts");
  }

  @Test
  void duplicateWithinOneBatchIsRefusedForTheLaterRecord() {
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts",
        data(Map.of("Last_Name", "A", "PowerOffice_Id", "9"), Map.of("Last_Name", "B", "PowerOffice_Id", "9")));
    assertThat(r.status()).isEqualTo(207);
    assertThat(r.item(1).path("code").asText()).isEqualTo("DUPLICATE_DATA");
  }

  @Test
  void nonUniqueFieldsAllowDuplicates() {
    account("Same");
    assertThat(http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Same"))).status()).isEqualTo(201);
  }

  @Test
  void unknownFieldApiNameIsRefusedWithInvalidData() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A", "Emial", "a@b.no")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.item(0).path("details").path("api_name").asText()).isEqualTo("Emial");
  }

  @Test
  void wrongJsonTypeForATextFieldIsRefusedWithInvalidData() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", Map.of("x", 1))));
    assertThat(r.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.item(0).path("details").path("expected_data_type").asText()).isEqualTo("string");
  }

  @Test
  void updateWithoutIdIsRefusedWithMandatoryNotFound() {
    ZohoHttp.Resp r = http.put("/crm/v8/Accounts", data(Map.of("Phone", "1")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    assertThat(r.item(0).path("details").path("api_name").asText()).isEqualTo("id");
  }

  @Test
  void updateOfUnknownIdIsRefusedWithInvalidDataTheIdGivenSeemsToBeInvalid() {
    ZohoHttp.Resp r = http.put("/crm/v8/Accounts", data(Map.of("id", "4876876000000999999", "Phone", "1")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.item(0).path("message").asText()).isEqualTo("the id given seems to be invalid");
    assertThat(r.item(0).path("details").path("id").asText()).isEqualTo("4876876000000999999");
  }

  @Test
  void updateIsPartialAndAnswers200RecordUpdated() {
    String id = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A", "Phone", "1", "Website", "www.a.no")))
        .item(0).path("details").path("id").asText();
    ZohoHttp.Resp r = http.put("/crm/v8/Accounts", data(Map.of("id", id, "Phone", "2")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.item(0).path("message").asText()).isEqualTo("record updated");
    JsonNode rec = http.get("/crm/v8/Accounts/" + id).item(0);
    assertThat(rec.path("Phone").asText()).isEqualTo("2");
    assertThat(rec.path("Website").asText()).isEqualTo("www.a.no");
    assertThat(rec.path("Account_Name").asText()).isEqualTo("A");
  }

  @Test
  void updateWithNullClearsTheFieldButNullMandatoryIsRefused() {
    String id = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A", "Phone", "1"))).item(0).path("details").path("id").asText();
    Map<String, Object> clear = new HashMap<>();
    clear.put("Phone", null);
    assertThat(http.put("/crm/v8/Accounts/" + id, data(clear)).status()).isEqualTo(200);
    assertThat(http.get("/crm/v8/Accounts/" + id).item(0).path("Phone").isNull()).isTrue();
    Map<String, Object> noName = new HashMap<>();
    noName.put("Account_Name", null);
    ZohoHttp.Resp r = http.put("/crm/v8/Accounts/" + id, data(noName));
    assertThat(r.item(0).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
  }

  @Test
  void everyWriteStampsModifiedTimeAndModifiedBy() {
    String id = account("A");
    clock.advance(Duration.ofMinutes(5));
    ZohoHttp.Resp r = http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "1")));
    assertThat(r.item(0).path("details").path("Modified_Time").asText()).isEqualTo("2025-01-10T09:05:00+01:00");
    assertThat(r.item(0).path("details").path("Created_Time").asText()).isEqualTo("2025-01-10T09:00:00+01:00");
    JsonNode rec = http.get("/crm/v8/Accounts/" + id + "?fields=Modified_Time,Modified_By").item(0);
    assertThat(rec.path("Modified_Time").asText()).isEqualTo("2025-01-10T09:05:00+01:00");
    assertThat(rec.path("Modified_By").path("name").asText()).isNotEmpty();
  }

  @Test
  void updateWithIfUnmodifiedSinceBeforeTheLastChangeIsRefusedWith412() {
    String id = account("A");
    clock.advance(Duration.ofMinutes(1));
    http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "1")));
    ZohoHttp.Resp r = http.put("/crm/v8/Accounts/" + id, data(Map.of("Phone", "2")), "If-Unmodified-Since", "2025-01-10T09:00:30+01:00");
    assertThat(r.status()).isEqualTo(412);
    assertThat(r.json().path("code").asText()).isEqualTo("ALREADY_MODIFIED");
  }

  @Test
  void triggerArrayIsAccepted() {
    ObjectNode body = data(Map.of("Account_Name", "A"));
    body.putArray("trigger").add("workflow");
    assertThat(http.post("/crm/v8/Accounts", body).status()).isEqualTo(201);
    ObjectNode none = data(Map.of("Account_Name", "B"));
    none.putArray("trigger");
    assertThat(http.post("/crm/v8/Accounts", none).status()).isEqualTo(201);
  }

  @Test
  void malformedJsonBodyIsAnsweredWithZohoErrorNot500() {
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", "{\"data\":[{\"Account_Name\":", "Content-Type", "application/json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_DATA");
    assertThat(r.json().path("status").asText()).isEqualTo("error");
    assertThat(r.text()).doesNotContain("Exception").doesNotContain("at io.tolk");
  }

  @Test
  void dataThatIsNotAnArrayOrMissingIsRefused() {
    ZohoHttp.Resp notArray = http.post("/crm/v8/Accounts", Map.of("data", Map.of("Account_Name", "A")));
    assertThat(notArray.status()).isEqualTo(400);
    assertThat(notArray.json().path("code").asText()).isEqualTo("INVALID_DATA");
    ZohoHttp.Resp missing = http.post("/crm/v8/Accounts", Map.of("records", List.of()));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
    ZohoHttp.Resp notObject = http.post("/crm/v8/Accounts", "[1,2]");
    assertThat(notObject.status()).isEqualTo(400);
    ZohoHttp.Resp itemNotObject = http.post("/crm/v8/Accounts", "{\"data\":[42]}");
    assertThat(itemNotObject.status()).isEqualTo(400);
    assertThat(itemNotObject.item(0).path("code").asText()).isEqualTo("INVALID_DATA");
  }

  @Test
  void absurdlyLargeBodyIsRefusedWithoutA500() {
    byte[] big = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    ZohoHttp.Resp r = http.post("/crm/v8/Accounts", big);
    assertThat(r.status()).isIn(400, 413);
    assertThat(r.json().path("status").asText()).isEqualTo("error");
  }

  @Test
  void readOnlyFieldsInAWriteAreIgnored() {
    ZohoHttp.Resp r = http.post("/crm/v8/Contacts",
        data(Map.of("Last_Name", "N", "Full_Name", "Something Else", "Created_Time", "2000-01-01T00:00:00+00:00")));
    assertThat(r.status()).isEqualTo(201);
    String id = r.item(0).path("details").path("id").asText();
    JsonNode rec = http.get("/crm/v8/Contacts/" + id).item(0);
    assertThat(rec.path("Full_Name").asText()).isEqualTo("N");
    assertThat(rec.path("Created_Time").asText()).isEqualTo("2025-01-10T09:00:00+01:00");
  }

  @Test
  void updateAndUpsertOfMoreThan100RecordsAreRefusedWithLimitExceeded() {
    String id = account("Fjord AS");
    Object[] updates = new Object[101];
    for (int i = 0; i < updates.length; i++) updates[i] = Map.of("id", id, "Phone", "" + i);
    ZohoHttp.Resp upd = http.put("/crm/v8/Accounts", data(updates));
    assertThat(upd.status()).isEqualTo(400);
    assertThat(upd.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(upd.json().path("details").path("limit").asInt()).isEqualTo(100);
    Object[] upserts = new Object[101];
    for (int i = 0; i < upserts.length; i++) upserts[i] = Map.of("Account_Name", "U" + i);
    ZohoHttp.Resp ups = http.post("/crm/v8/Accounts/upsert", data(upserts));
    assertThat(ups.status()).isEqualTo(400);
    assertThat(ups.json().path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isEqualTo(1);
    assertThat(http.get("/crm/v8/Accounts/" + id + "?fields=Phone").item(0).path("Phone").isNull()).isTrue();
    Object[] hundred = new Object[100];
    for (int i = 0; i < hundred.length; i++) hundred[i] = Map.of("id", id, "Phone", "" + i);
    assertThat(http.put("/crm/v8/Accounts", data(hundred)).status()).as("100 is allowed").isEqualTo(200);
  }
}
