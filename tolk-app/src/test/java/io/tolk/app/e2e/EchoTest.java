package io.tolk.app.e2e;

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

    @Test
    void cycleAfterEditsWritesNothingWithEveryOptionOn() {
        writeConfig(EVERY_OPTION, "flows:\n  F1:\n    properties:\n      Shipping_City: createOnly\n");
        worldSyncedOnce();
        assertNextCycleWritesNothing("the creates, every option on");
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        assertThat(zoho.get("Accounts", account).path("Billing_Country").asText()).isEqualTo("Norway");
        String contact = onlyZoho("Contacts", "Email", "kari@example.no").get("id").asText();
        po.patchCustomer(person, "/MailAddress/CountryCode", "SE");
        zoho.update("Accounts", account, Map.of("Billing_Country", "norge", "Phone", "73001122"));
        zoho.update("Contacts", contact, Map.of("Mailing_City", "Bodø"));
        zoho.create("Accounts", Map.of("Account_Name", "Created in Zoho AS", "Billing_City", "Oslo",
                "Billing_Code", "0150", "Billing_Country", "Norway"));
        tolk.syncOk();
        assertNextCycleWritesNothing("edits and a create in PowerOffice, every option on");
        assertThat(po.customers()).anySatisfy(c -> assertThat(c.path("Name").asText()).isEqualTo("Created in Zoho AS"));
        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("73001122");
        assertThat(po.customer(company).path("MailAddress").path("CountryCode").asText()).isEqualTo("NO");
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
