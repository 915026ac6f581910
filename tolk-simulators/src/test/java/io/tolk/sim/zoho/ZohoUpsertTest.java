package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checklist item 4: upsert with duplicate_check_fields resolution, action and duplicate_field. */
class ZohoUpsertTest extends ZohoSimTestBase {

  private ZohoHttp.Resp upsert(String module, List<String> checkFields, Map<?, ?>... records) {
    ObjectNode body = data((Object[]) records);
    if (checkFields != null) {
      var a = body.putArray("duplicate_check_fields");
      checkFields.forEach(a::add);
    }
    body.putArray("trigger");
    return http.post("/crm/v8/" + module + "/upsert", body);
  }

  @Test
  void upsertWithoutMatchInsertsWithActionInsertAndNullDuplicateField() {
    ZohoHttp.Resp r = upsert("Contacts", List.of("PowerOffice_Id"), Map.of("Last_Name", "Nordmann", "PowerOffice_Id", "777"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode item = r.item(0);
    assertThat(item.path("action").asText()).isEqualTo("insert");
    assertThat(item.has("duplicate_field")).isTrue();
    assertThat(item.path("duplicate_field").isNull()).isTrue();
    assertThat(item.path("message").asText()).isEqualTo("record added");
    assertThat(sim.recordCount(ZohoModule.CONTACTS)).isEqualTo(1);
  }

  @Test
  void upsertMatchingAUniqueFieldUpdatesThatRecord() {
    String id = upsert("Contacts", List.of("PowerOffice_Id"), Map.of("Last_Name", "Nordmann", "PowerOffice_Id", "777"))
        .item(0).path("details").path("id").asText();
    ZohoHttp.Resp r = upsert("Contacts", List.of("PowerOffice_Id"), Map.of("Last_Name", "Hansen", "PowerOffice_Id", "777"));
    JsonNode item = r.item(0);
    assertThat(item.path("action").asText()).isEqualTo("update");
    assertThat(item.path("duplicate_field").asText()).isEqualTo("PowerOffice_Id");
    assertThat(item.path("details").path("id").asText()).isEqualTo(id);
    assertThat(item.path("message").asText()).isEqualTo("record updated");
    assertThat(sim.recordCount(ZohoModule.CONTACTS)).isEqualTo(1);
    assertThat(http.get("/crm/v8/Contacts/" + id).item(0).path("Last_Name").asText()).isEqualTo("Hansen");
  }

  @Test
  void upsertWithoutDuplicateCheckFieldsChecksTheSystemFieldFirstThenUniqueFields() {
    String byName = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "1")))
        .item(0).path("details").path("id").asText();
    String byPoId = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "Other AS", "PowerOffice_Id", "2")))
        .item(0).path("details").path("id").asText();
    ZohoHttp.Resp r = upsert("Accounts", null, Map.of("Account_Name", "fjord as", "Phone", "5"));
    assertThat(r.item(0).path("duplicate_field").asText()).isEqualTo("Account_Name");
    assertThat(r.item(0).path("details").path("id").asText()).isEqualTo(byName);
    ZohoHttp.Resp r2 = upsert("Accounts", null, Map.of("Account_Name", "New Name AS", "PowerOffice_Id", "2"));
    assertThat(r2.item(0).path("duplicate_field").asText()).isEqualTo("PowerOffice_Id");
    assertThat(r2.item(0).path("details").path("id").asText()).isEqualTo(byPoId);
  }

  @Test
  void upsertWhoseDuplicateCheckFieldsOmitTheSystemFieldIgnoresIt() {
    account("Fjord AS");
    ZohoHttp.Resp r = upsert("Accounts", List.of("PowerOffice_Id"), Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "9"));
    assertThat(r.item(0).path("action").asText()).isEqualTo("insert");
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isEqualTo(2);
  }

  @Test
  void contactsSystemDuplicateCheckFieldIsEmail() {
    String id = contact(Map.of("Last_Name", "N", "Email", "kari@fjord.no"));
    ZohoHttp.Resp r = upsert("Contacts", null, Map.of("Last_Name", "Nordmann", "Email", "KARI@fjord.no"));
    assertThat(r.item(0).path("duplicate_field").asText()).isEqualTo("Email");
    assertThat(r.item(0).path("details").path("id").asText()).isEqualTo(id);
  }

  @Test
  void upsertWithADuplicateCheckFieldThatIsNeitherSystemNorUniqueIsRefused() {
    ZohoHttp.Resp r = upsert("Accounts", List.of("Phone"), Map.of("Account_Name", "A"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_DATA");
  }

  @Test
  void upsertInsertStillValidatesMandatoryFields() {
    ZohoHttp.Resp r = upsert("Contacts", List.of("PowerOffice_Id"), Map.of("PowerOffice_Id", "5"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.item(0).path("code").asText()).isEqualTo("MANDATORY_NOT_FOUND");
  }

  @Test
  void upsertIsIdempotentOnRetry() {
    Map<String, String> rec = Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "42");
    upsert("Accounts", List.of("PowerOffice_Id"), rec);
    upsert("Accounts", List.of("PowerOffice_Id"), rec);
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isEqualTo(1);
  }

  private String insert(String module, Map<String, String> record) {
    ZohoHttp.Resp r = http.post("/crm/v8/" + module, data(record));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.item(0).path("details").path("id").asText();
  }

  @Test
  void defaultOrderMatchesTheSystemFieldFirstEvenWhenAUniqueFieldMatchesAnotherRecord() {
    String byName = insert("Accounts", Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "1"));
    String byPoId = insert("Accounts", Map.of("Account_Name", "Other AS", "PowerOffice_Id", "2"));
    ZohoHttp.Resp r = upsert("Accounts", null, Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "2", "Phone", "5"));
    // Account_Name picks the record to update; giving it PowerOffice_Id 2 would clash with the other record
    assertThat(r.status()).isEqualTo(400);
    JsonNode item = r.item(0);
    assertThat(item.path("code").asText()).isEqualTo("DUPLICATE_DATA");
    assertThat(item.path("details").path("api_name").asText()).isEqualTo("PowerOffice_Id");
    assertThat(item.path("details").path("duplicate_record").path("id").asText()).isEqualTo(byPoId);
    assertThat(http.get("/crm/v8/Accounts/" + byName + "?fields=Phone,PowerOffice_Id").item(0).path("PowerOffice_Id").asText())
        .as("nothing changed").isEqualTo("1");
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isEqualTo(2);

    ZohoHttp.Resp sameOrder = upsert("Accounts", List.of("Account_Name", "PowerOffice_Id"),
        Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "2"));
    assertThat(sameOrder.item(0).path("code").asText()).as("the explicit default order behaves the same").isEqualTo("DUPLICATE_DATA");
  }

  @Test
  void explicitOrderMatchesTheFirstListedFieldSoTheUniqueFieldWins() {
    String byName = insert("Accounts", Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "1"));
    String byPoId = insert("Accounts", Map.of("Account_Name", "Other AS", "PowerOffice_Id", "2"));
    ZohoHttp.Resp r = upsert("Accounts", List.of("PowerOffice_Id", "Account_Name"),
        Map.of("Account_Name", "Fjord AS", "PowerOffice_Id", "2", "Phone", "5"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode item = r.item(0);
    assertThat(item.path("action").asText()).isEqualTo("update");
    assertThat(item.path("duplicate_field").asText()).isEqualTo("PowerOffice_Id");
    assertThat(item.path("details").path("id").asText()).isEqualTo(byPoId);
    JsonNode updated = http.get("/crm/v8/Accounts/" + byPoId + "?fields=Account_Name,Phone").item(0);
    assertThat(updated.path("Account_Name").asText()).isEqualTo("Fjord AS");
    assertThat(updated.path("Phone").asText()).isEqualTo("5");
    assertThat(http.get("/crm/v8/Accounts/" + byName + "?fields=Phone").item(0).path("Phone").isNull())
        .as("the record matching only the second field is untouched").isTrue();
    assertThat(sim.recordCount(ZohoModule.ACCOUNTS)).isEqualTo(2);
  }

  @Test
  void contactsExplicitOrderPrefersTheUniqueFieldOverEmail() {
    String byEmail = insert("Contacts", Map.of("Last_Name", "A", "Email", "kari@fjord.no", "PowerOffice_Id", "1"));
    String byPoId = insert("Contacts", Map.of("Last_Name", "B", "Email", "ola@fjord.no", "PowerOffice_Id", "2"));
    ZohoHttp.Resp ordered = upsert("Contacts", List.of("PowerOffice_Id", "Email"),
        Map.of("Last_Name", "Nordmann", "Email", "kari@fjord.no", "PowerOffice_Id", "2"));
    assertThat(ordered.item(0).path("details").path("id").asText()).isEqualTo(byPoId);
    assertThat(ordered.item(0).path("duplicate_field").asText()).isEqualTo("PowerOffice_Id");
    ZohoHttp.Resp byDefault = upsert("Contacts", null, Map.of("Last_Name", "Hansen", "Email", "kari@fjord.no"));
    assertThat(byDefault.item(0).path("duplicate_field").asText()).isEqualTo("Email");
    assertThat(byDefault.item(0).path("details").path("id").asText())
        .as("Email now matches two records: the oldest is updated").isEqualTo(byEmail);
  }
}
