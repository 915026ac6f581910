package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Creation is one-way unless switched on; per-property directions in tolk.yaml override the default "both". */
class CreationAndDirectionsTest extends E2eBase {

    @Test
    void unlinkedZohoRecordsAreNotCreatedInPowerOfficeByDefault() {
        zoho.create("Accounts", Map.of("Account_Name", "Bare i Zoho AS", "Billing_City", "Oslo", "Billing_Code", "0150"));
        zoho.create("Contacts", Map.of("Last_Name", "Zohosen", "Email", "z@example.no"));
        resetCounters();

        tolk.syncOk();

        assertThat(po.customers()).isEmpty();
        assertThat(po.admin().writes()).isZero();
    }

    @Test
    void createInPowerofficeCreatesCustomersFromAccountsAndContactsButNeverDepartments() {
        writeConfig(syncSection(Map.of("createInPoweroffice", "true")), "");
        zoho.create("Accounts", Map.of("Account_Name", "Bare i Zoho AS", "Phone", "22001100", "Billing_City", "Oslo",
                "Billing_Code", "0150", "Billing_Country", "NO"));
        zoho.create("Contacts", Map.of("First_Name", "Zara", "Last_Name", "Zohosen", "Email", "zara@example.no",
                "Mailing_City", "Bergen", "Mailing_Zip", "5003", "Mailing_Country", "Norway"));

        tolk.syncOk();

        assertThat(po.customers()).hasSize(2);
        JsonNode company = po.customers().stream().filter(c -> !c.path("IsPerson").asBoolean()).findFirst().orElseThrow();
        assertThat(company.path("Name").asText()).isEqualTo("Bare i Zoho AS");
        assertThat(company.path("PhoneNumber").asText()).isEqualTo("22001100");
        assertThat(company.path("MailAddress").path("City").asText()).isEqualTo("Oslo");
        JsonNode person = po.customers().stream().filter(c -> c.path("IsPerson").asBoolean()).findFirst().orElseThrow();
        assertThat(person.path("LastName").asText()).isEqualTo("Zohosen");
        assertThat(person.path("EmailAddress").asText()).isEqualTo("zara@example.no");
        assertThat(person.path("MailAddress").path("CountryCode").asText()).isEqualTo("NO");
        assertThat(po.departments()).as("departments are never created from Zoho").isEmpty();
        assertThat(zoho.all("Accounts")).hasSize(1);
    }

    @Test
    void createOnlyShippingCityKeepsTheCrmUsersOwnShippingCity() {
        writeConfig("flows:\n  F1:\n    properties:\n      Shipping_City: createOnly\n");
        long company = companyInPowerOffice("Fjellvind AS"); // city Oslo
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        assertThat(zoho.get("Accounts", account).path("Shipping_City").asText()).as("set at create").isEqualTo("Oslo");

        zoho.update("Accounts", account, Map.of("Shipping_City", "Lager Alnabru"));
        tolk.syncOk();
        assertThat(po.customer(company).path("MailAddress").path("City").asText()).isEqualTo("Oslo");

        po.patchCustomer(company, "/MailAddress/City", "Trondheim");
        tolk.syncOk();
        JsonNode acc = zoho.get("Accounts", account);
        assertThat(acc.path("Billing_City").asText()).isEqualTo("Trondheim");
        assertThat(acc.path("Shipping_City").asText()).isEqualTo("Lager Alnabru");
    }

    @Test
    void toZohoPropertyIsNeverWrittenToPowerOffice() {
        writeConfig("flows:\n  F1:\n    properties:\n      Website: toZoho\n");
        long company = companyInPowerOffice("Fjellvind AS");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        String website = po.customer(company).path("WebsiteUrl").asText();

        zoho.update("Accounts", account, Map.of("Website", "https://crm-only.example.no"));
        tolk.syncOk();

        assertThat(po.customer(company).path("WebsiteUrl").asText()).isEqualTo(website);
        po.patchCustomer(company, "/WebsiteUrl", "https://po.example.no");
        tolk.syncOk();
        assertThat(zoho.get("Accounts", account).path("Website").asText()).isEqualTo("https://po.example.no");
    }

    /**
     * {@code toPoweroffice}: Zoho is the master of the property. A Zoho edit reaches PowerOffice; a PowerOffice edit
     * does not reach Zoho, and the next cycle sets PowerOffice back to the Zoho value (one write), then all is quiet.
     */
    @Test
    void toPowerofficePropertyEditedInZohoReachesPowerOfficeAndAPowerOfficeEditIsRevertedToTheZohoValue() {
        writeConfig("flows:\n  F1:\n    properties:\n      Phone: toPoweroffice\n");
        long company = companyInPowerOffice("Fjellvind AS"); // phone 22334455
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();

        zoho.update("Accounts", account, Map.of("Phone", "77665544"));
        tolk.syncOk();
        assertThat(po.customer(company).path("PhoneNumber").asText()).as("the Zoho edit reaches PowerOffice")
                .isEqualTo("77665544");

        po.patchCustomer(company, "/PhoneNumber", "73001122");
        resetCounters();
        Tolk.Result r = tolk.syncOk();

        assertThat(zoho.get("Accounts", account).path("Phone").asText()).as("the PowerOffice edit does not reach Zoho")
                .isEqualTo("77665544");
        assertThat(po.customer(company).path("PhoneNumber").asText()).as("PowerOffice is set back to the Zoho value")
                .isEqualTo("77665544");
        assertThat(writes()).as("write calls {PowerOffice, Zoho}; tolk said:\n" + r.all()).containsExactly(1, 0);
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("write calls in the next cycle").containsExactly(0, 0);
    }
}
