package io.tolk.app.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 2 with both simulators' clocks under the test's control: the same property edited on both sides of a linked pair
 * between two cycles.
 */
class ConflictsTest extends E2eBase {

    private long company;
    private String account;

    @BeforeEach
    void linkedCompany() {
        company = companyInPowerOffice("Fjellvind AS");
        tolk.syncOk();
        account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        pinClocks();
    }

    private void editPhoneInPowerOfficeAfter(long seconds, String phone) {
        po.admin().advanceSeconds(seconds);
        po.patchCustomer(company, "/PhoneNumber", phone);
    }

    private void editPhoneInZohoAfter(long seconds, String phone) {
        zoho.admin().advanceSeconds(seconds);
        zoho.update("Accounts", account, Map.of("Phone", phone));
    }

    @Test
    void powerOfficeNewerWinsAndZohoLoserIsRecorded() {
        editPhoneInZohoAfter(5, "11111111");
        editPhoneInPowerOfficeAfter(10, "22222222");

        tolk.syncOk();

        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("22222222");
        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("22222222");
        assertThat(tolk.run("conflicts").expectExit(0).out()).contains("11111111");
    }

    @Test
    void zohoNewerWinsAndPowerOfficeLoserIsRecorded() {
        editPhoneInPowerOfficeAfter(5, "22222222");
        editPhoneInZohoAfter(10, "11111111");

        tolk.syncOk();

        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("11111111");
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("11111111");
        assertThat(tolk.run("conflicts").expectExit(0).out()).contains("22222222");
    }

    @Test
    void editsInTheSameSecondAreATieWonByPowerOffice() {
        editPhoneInPowerOfficeAfter(5, "22222222");
        editPhoneInZohoAfter(5, "11111111");

        tolk.syncOk();

        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("22222222");
        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("22222222");
        assertThat(tolk.run("conflicts").expectExit(0).out()).contains("11111111");
    }

    @Test
    void editsInTheSameSecondAreATieWonByZohoWhenConfigured() {
        writeConfigKeepingStore(Map.of("tieWinner", "zoho"));
        editPhoneInPowerOfficeAfter(5, "22222222");
        editPhoneInZohoAfter(5, "11111111");

        tolk.syncOk();

        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("11111111");
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("11111111");
    }

    @Test
    void addressConflictIsJudgedByTheAddressesOwnChangeTime() {
        // the address changes first; the customer's other data (and so its own stamp) changes last
        po.admin().advanceSeconds(2);
        po.patchCustomer(company, "/MailAddress/City", "Trondheim");
        zoho.admin().advanceSeconds(5);
        zoho.update("Accounts", account, Map.of("Billing_City", "Tromsø", "Shipping_City", "Tromsø"));
        po.admin().advanceSeconds(8);
        po.patchCustomer(company, "/PhoneNumber", "22222222");

        tolk.syncOk();

        assertThat(po.customer(company).path("MailAddress").path("City").asText())
                .as("Zoho's city (5 s) is newer than PowerOffice's address (2 s)").isEqualTo("Tromsø");
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("22222222");
    }

    @Test
    void differentPropertiesEditedOnBothSidesBothSurvive() {
        editPhoneInPowerOfficeAfter(5, "22222222");
        zoho.admin().advanceSeconds(10);
        zoho.update("Accounts", account, Map.of("Website", "https://crm.example.no"));

        tolk.syncOk();

        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("22222222");
        assertThat(po.customer(company).path("WebsiteUrl").asText()).isEqualTo("https://crm.example.no");
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("22222222");
        assertThat(zoho.get("Accounts", account).path("Website").asText()).isEqualTo("https://crm.example.no");
    }

    @Test
    void restoredLoserReachesBothSystems() {
        editPhoneInZohoAfter(5, "11111111");
        editPhoneInPowerOfficeAfter(10, "22222222");
        tolk.syncOk();
        String listed = tolk.run("conflicts").expectExit(0).out();
        long id = conflictIdShowing(listed, "11111111");

        tolk.run("conflicts", "--restore", Long.toString(id)).expectExit(0);
        po.admin().advanceSeconds(1);
        zoho.admin().advanceSeconds(1);
        tolk.syncOk();

        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("11111111");
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("11111111");
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("writes after the restore settled").containsExactly(0, 0);
    }

    @Test
    void conflictsShowBothRecordsOfEachConflict() {
        editPhoneInZohoAfter(5, "11111111");
        editPhoneInPowerOfficeAfter(10, "22222222");
        tolk.syncOk();

        String listed = tolk.run("conflicts").expectExit(0).out();

        assertThat(listed).contains("records: poweroffice/CompanyCustomer/" + company + " (kept), zoho/Accounts/"
                + account + " (replaced)");
    }

    @Test
    void restoreTakesTheConfigOptionAfterItsId() {
        editPhoneInZohoAfter(5, "11111111");
        editPhoneInPowerOfficeAfter(10, "22222222");
        tolk.syncOk();
        long id = conflictIdShowing(tolk.run("conflicts").expectExit(0).out(), "11111111");

        Tolk.Result restored = tolk.runExactly("conflicts", "restore", Long.toString(id), "-c", tolk.config().toString())
                .expectExit(0);

        assertThat(restored.out()).contains("Conflict #" + id, "'11111111'");
        assertThat(tolk.run("conflicts").expectExit(0).out()).contains("(restored)");
    }

    private void writeConfigKeepingStore(Map<String, String> sync) {
        writeConfig(syncSection(sync), "");
    }
}
