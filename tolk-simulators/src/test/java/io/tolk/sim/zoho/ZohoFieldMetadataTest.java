package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field metadata: the same table the validator uses. */
class ZohoFieldMetadataTest extends ZohoSimTestBase {

  private Map<String, JsonNode> fields(String module) {
    ZohoHttp.Resp r = http.get("/crm/v8/settings/fields?module=" + module);
    assertThat(r.status()).isEqualTo(200);
    Map<String, JsonNode> m = new HashMap<>();
    r.json().path("fields").forEach(f -> m.put(f.path("api_name").asText(), f));
    return m;
  }

  @Test
  void modulesListsAccountsAndContacts() {
    ZohoHttp.Resp r = http.get("/crm/v8/settings/modules");
    assertThat(r.status()).isEqualTo(200);
    List<String> names = r.json().path("modules").findValuesAsText("api_name");
    assertThat(names).containsExactly("Accounts", "Contacts");
  }

  @Test
  void accountsFieldsDescribeTypesLengthsMandatoryAndTheUniqueCustomField() {
    Map<String, JsonNode> f = fields("Accounts");
    assertThat(f.get("Account_Name").path("data_type").asText()).isEqualTo("text");
    assertThat(f.get("Account_Name").path("length").asInt()).isEqualTo(100);
    assertThat(f.get("Account_Name").path("system_mandatory").asBoolean()).isTrue();
    assertThat(f.get("Phone").path("data_type").asText()).isEqualTo("phone");
    assertThat(f.get("Website").path("data_type").asText()).isEqualTo("website");
    assertThat(f.get("Owner").path("data_type").asText()).isEqualTo("ownerlookup");
    assertThat(f.get("Modified_Time").path("data_type").asText()).isEqualTo("datetime");
    assertThat(f.get("PowerOffice_Id").path("unique").path("casesensitive").asText()).isEqualTo("false");
    assertThat(f.get("PowerOffice_Id").path("custom_field").asBoolean()).isTrue();
    assertThat(f.get("Phone").path("unique").isEmpty()).isTrue();
    assertThat(f).doesNotContainKey("Email");
  }

  @Test
  void contactsFieldsDescribeTheAccountLookupAndEmail() {
    Map<String, JsonNode> f = fields("Contacts");
    assertThat(f.get("Last_Name").path("system_mandatory").asBoolean()).isTrue();
    assertThat(f.get("Email").path("data_type").asText()).isEqualTo("email");
    assertThat(f.get("Account_Name").path("data_type").asText()).isEqualTo("lookup");
    assertThat(f.get("Account_Name").path("lookup").path("module").path("api_name").asText()).isEqualTo("Accounts");
    assertThat(f.get("Mailing_City").path("length").asInt()).isEqualTo(100);
  }

  @Test
  void everyFieldHasAPositiveLengthAndFieldsWithoutATextLimitShow120() {
    for (String module : List.of("Accounts", "Contacts")) {
      for (JsonNode field : fields(module).values()) {
        assertThat(field.path("length").asInt()).as(module + "." + field.path("api_name").asText()).isPositive();
      }
    }
    Map<String, JsonNode> f = fields("Contacts");
    assertThat(f.get("Owner").path("length").asInt()).isEqualTo(120);
    assertThat(f.get("Account_Name").path("length").asInt()).isEqualTo(120);
    assertThat(f.get("Created_Time").path("length").asInt()).isEqualTo(120);
  }

  @Test
  void everyAdvertisedTextLengthIsExactlyTheLimitTheValidatorEnforces() {
    for (String module : List.of("Accounts", "Contacts")) {
      String mandatory = module.equals("Accounts") ? "Account_Name" : "Last_Name";
      for (JsonNode field : fields(module).values()) {
        String type = field.path("data_type").asText();
        if (!type.equals("text") || field.path("read_only").asBoolean()) continue;
        String name = field.path("api_name").asText();
        int len = field.path("length").asInt();
        Map<String, Object> ok = new HashMap<>();
        ok.put(mandatory, "M");
        ok.put(name, "x".repeat(len));
        assertThat(http.post("/crm/v8/" + module, data(ok)).status()).as(module + "." + name + " at " + len).isEqualTo(201);
        Map<String, Object> tooLong = new HashMap<>();
        tooLong.put(mandatory, "M");
        tooLong.put(name, "y".repeat(len + 1));
        ZohoHttp.Resp r = http.post("/crm/v8/" + module, data(tooLong));
        assertThat(r.item(0).path("details").path("maximum_length").asInt()).as(module + "." + name).isEqualTo(len);
      }
    }
  }

  @Test
  void fieldsWithoutModuleIsRefusedAndUnknownModuleIsInvalidModule() {
    assertThat(http.get("/crm/v8/settings/fields").json().path("code").asText()).isEqualTo("REQUIRED_PARAM_MISSING");
    assertThat(http.get("/crm/v8/settings/fields?module=Leeds").json().path("code").asText()).isEqualTo("INVALID_MODULE");
  }

  @Test
  void uniqueCustomFieldsAreConfigurable() {
    sim.close();
    sim = ZohoSimulator.start(options().withClock(clock), ZohoCredentials.demo(),
        ZohoSettings.defaults().withCustomFields(Map.of(ZohoModule.ACCOUNTS, List.of(FieldDef.customUniqueText("Org_Number", 9)))));
    http = new ZohoHttp(sim.baseUrl());
    Map<String, JsonNode> f = fields("Accounts");
    assertThat(f).containsKey("Org_Number").doesNotContainKey("PowerOffice_Id");
    http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "A", "Org_Number", "123456785")));
    ZohoHttp.Resp dup = http.post("/crm/v8/Accounts", data(Map.of("Account_Name", "B", "Org_Number", "123456785")));
    assertThat(dup.item(0).path("code").asText()).isEqualTo("DUPLICATE_DATA");
  }
}
