package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 7: a value tolk wrote never comes back as a change; idle cycles write nothing (counted by the simulators). */
class EchoTest extends E2eBase {

    private static final String EVERY_OPTION = syncSection(Map.of(
            "tieWinner", "zoho",
            "deletes", "propagate",
            "maxDeletesPerCycle", "5",
            "createInPoweroffice", "true",
            "countryFormat", "englishName"));

    private long company;
    private long person;
    private long department;

    private void worldSyncedOnce() {
        company = companyInPowerOffice("Fjellvind AS");
        person = personInPowerOffice("Kari", "Nordmann", "kari@example.no");
        department = departmentInPowerOffice("20", "Avdeling Vest");
        tolk.syncOk();
    }

    private void assertNextCycleWritesNothing(String after) {
        String plan = tolk.run("plan").all();
        resetCounters();
        Tolk.Result r = tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the cycle after " + after + "; tolk plan said:\n" + plan)
                .containsExactly(0, 0);
    }

    @Test
    void cycleAfterCreatesWritesNothing() {
        worldSyncedOnce();
        assertNextCycleWritesNothing("the creates");
    }

    @Test
    void cycleAfterEditsOnBothSidesWritesNothing() {
        worldSyncedOnce();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        String contact = onlyZoho("Contacts", "Email", "kari@example.no").get("id").asText();
        po.patchCustomer(company, "/MailAddress/City", "Trondheim");
        po.patchDepartment(department, "/Name", "Avdeling Nord");
        zoho.update("Contacts", contact, Map.of("Other_Phone", "93344556", "Secondary_Email", "KARI.NY@example.no"));
        zoho.update("Accounts", account, Map.of("Shipping_Country", "Norway", "Website", "https://fjellvind.example.no/"));
        tolk.syncOk();
        assertNextCycleWritesNothing("edits on both sides (fan-out, country name)");
    }

    /** Every refinement tolk.yaml offers on the flows: a filter, each direction, an added pair. */
    private static final String EVERY_FLOW_OPTION = """
            flows:
              F1:
                filter: "CurrencyCode != 'SEK'"
                properties:
                  Shipping_City: createOnly
                  Website: toZoho
                  Phone: toPoweroffice
                add:
                  - property: organization.orgNumber
                    poweroffice: OrganizationNumber
                    zoho: Account_Number
              F3:
                properties:
                  Other_City: createOnly
                  Last_Name: toZoho
            """;

    @Test
    void cycleAfterEditsWritesNothingWithEveryOptionOn() {
        zohoExtra = "  externalIdField: PowerOffice_Id\n";
        writeConfig(EVERY_OPTION, EVERY_FLOW_OPTION);
        long swedish = po.createCustomer(Map.of("Name", "Svensk Handel AB", "IsPerson", false, "CurrencyCode", "SEK",
                "MailAddress", Map.of("City", "Malmö", "ZipCode", "21122", "CountryCode", "SE")));
        worldSyncedOnce();
        assertNextCycleWritesNothing("the creates, every option on");
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        assertThat(zoho.get("Accounts", account).path("Billing_Country").asText()).isEqualTo("Norway");
        assertThat(zoho.get("Accounts", account).path("Account_Number").asText()).as("the added pair").isEqualTo("912345678");
        assertThat(zoho.get("Accounts", account, "Account_Name,PowerOffice_Id").path("PowerOffice_Id").asText(""))
                .as("the external id tolk put on the Account it created").isNotBlank();
        assertThat(zoho.all("Accounts")).as("the filtered-out customer").noneSatisfy(a ->
                assertThat(a.path("Account_Name").asText()).isEqualTo("Svensk Handel AB"));
        String contact = onlyZoho("Contacts", "Email", "kari@example.no").get("id").asText();
        String website = po.customer(company).path("WebsiteUrl").asText();

        po.patchCustomer(person, "/MailAddress/CountryCode", "SE");
        po.patchCustomer(company, "/OrganizationNumber", "987654321");   // added pair, PowerOffice → Zoho
        po.patchCustomer(swedish, "/PhoneNumber", "40112233");           // filtered out: goes nowhere
        po.patchDepartment(department, "/Name", "Avdeling Nord");
        zoho.update("Accounts", account, Map.of("Billing_Country", "norge", "Phone", "73001122", // toPoweroffice
                "Website", "https://crm-only.example.no"));                                          // toZoho: stays
        zoho.update("Contacts", contact, Map.of("Mailing_City", "Bodø", "Other_City", "Hytta", "Last_Name", "Nordkvinne"));
        zoho.create("Accounts", Map.of("Account_Name", "Created in Zoho AS", "Billing_City", "Oslo",
                "Billing_Code", "0150", "Billing_Country", "Norway", "Account_Number", "923456789"));
        resetCounters();
        Tolk.Result applying = tolk.syncOk();
        assertThat(po.admin().writes() * zoho.admin().writes()).as("the cycle applying the edits writes to both:\n"
                + applying.all()).isPositive();

        assertNextCycleWritesNothing("edits and a create in PowerOffice, every option on");
        assertThat(po.customers()).anySatisfy(c -> {
            assertThat(c.path("Name").asText()).isEqualTo("Created in Zoho AS");
            assertThat(c.path("OrganizationNumber").asText()).isEqualTo("923456789");
        });
        JsonNode customer = po.customer(company);
        assertThat(customer.path("PhoneNumber").asText()).isEqualTo("73001122");
        assertThat(customer.path("MailAddress").path("CountryCode").asText()).isEqualTo("NO");
        assertThat(customer.path("WebsiteUrl").asText()).as("toZoho: the Zoho edit stays in Zoho").isEqualTo(website);
        assertThat(zoho.get("Accounts", account).path("Account_Number").asText()).isEqualTo("987654321");
        assertThat(po.customer(person).path("LastName").asText()).as("toZoho: the Zoho edit stays in Zoho").isEqualTo("Nordmann");
        assertThat(po.customer(person).path("MailAddress").path("City").asText()).isEqualTo("Bodø");
        assertThat(zoho.get("Contacts", contact).path("Other_City").asText()).as("createOnly").isEqualTo("Hytta");
        assertThat(zoho.get("Contacts", contact).path("Other_Country").asText()).isEqualTo("Sweden");
        assertThat(zoho.all("Accounts")).extracting(a -> a.path("Account_Name").asText())
                .containsExactlyInAnyOrder("Fjellvind AS", "Avdeling Nord", "Created in Zoho AS");
        resetCounters();
        for (int i = 0; i < 10; i++) {
            tolk.syncOk();
        }
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in ten idle cycles, every option on").containsExactly(0, 0);
    }

    @Test
    void tenIdleCyclesWriteNothing() {
        worldSyncedOnce();
        resetCounters();
        for (int i = 0; i < 10; i++) {
            tolk.syncOk();
        }
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in ten idle cycles").containsExactly(0, 0);
    }
}
