package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The first sync of two systems that already hold the same customers (rule 3: match before creating). */
class ExistingDataOnBothSidesTest extends E2eBase {

    @Test
    void recordsOnBothSidesAreLinkedNotDuplicated() {
        long company = companyInPowerOffice("Fjellvind AS");
        long person = personInPowerOffice("Kari", "Nordmann", "kari@example.no");
        departmentInPowerOffice("20", "Avdeling Vest");
        String account = zoho.create("Accounts", Map.of("Account_Name", "  fjellvind   AS ", "Phone", "22334455"));
        String contact = zoho.create("Contacts", Map.of("Last_Name", "Nordmann", "First_Name", "Kari",
                "Email", "KARI@Example.no"));
        String deptAccount = zoho.create("Accounts", Map.of("Account_Name", "Avdeling Vest"));
        resetCounters();

        tolk.syncOk();

        assertThat(zoho.all("Accounts")).as("Accounts after the first sync").hasSize(2);
        assertThat(zoho.all("Contacts")).as("Contacts after the first sync").hasSize(1);
        assertThat(zoho.admin().requests("Accounts.insert") + zoho.admin().requests("Contacts.insert")).isZero();
        assertThat(po.customers()).hasSize(2);
        // linked: an edit in PowerOffice now reaches exactly these records
        po.patchCustomer(company, "/PhoneNumber", "73001122");
        po.patchCustomer(person, "/PhoneNumber", "90011223");
        tolk.syncOk();
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("73001122");
        assertThat(zoho.get("Contacts", contact).path("Phone").asText()).isEqualTo("90011223");
        assertThat(zoho.get("Accounts", deptAccount).path("Account_Name").asText()).isEqualTo("Avdeling Vest");
    }

    @Test
    void twoCustomersNamedAlikeWaitForReviewAndNothingIsTouched() {
        long first = companyInPowerOffice("Havbris AS");
        long second = companyInPowerOffice("HAVBRIS  as");
        String account = zoho.create("Accounts", Map.of("Account_Name", "Havbris AS", "Phone", "55001100"));
        JsonNode before = zoho.get("Accounts", account);
        resetCounters();

        Tolk.Result run = tolk.syncOk();

        assertThat(run.out()).as("the records waiting for review are listed")
                .contains("poweroffice/CompanyCustomer/" + first).contains("poweroffice/CompanyCustomer/" + second);
        assertThat(zoho.all("Accounts")).as("no Account created for either customer").hasSize(1);
        assertThat(zoho.admin().writes()).as("write calls to Zoho").isZero();
        assertThat(po.admin().writes()).as("write calls to PowerOffice").isZero();
        assertThat(zoho.get("Accounts", account)).isEqualTo(before);
        // a second cycle changes nothing either: the records wait for tolk link
        tolk.syncOk();
        assertThat(zoho.all("Accounts")).hasSize(1);
        assertThat(zoho.admin().writes() + po.admin().writes()).isZero();
    }

    @Test
    void accountNamedLikeACustomerAndADepartmentWaitsForReviewAndNothingIsTouched() {
        companyInPowerOffice("Nordlys AS");
        departmentInPowerOffice("30", "Nordlys AS");
        String account = zoho.create("Accounts", Map.of("Account_Name", "Nordlys AS"));
        JsonNode before = zoho.get("Accounts", account);
        resetCounters();

        Tolk.Result run = tolk.syncOk();

        assertThat(run.out()).as("the Account waiting for review is listed").contains("zoho/Accounts/" + account);
        assertThat(zoho.all("Accounts")).as("neither linked nor created").hasSize(1);
        assertThat(zoho.admin().writes() + po.admin().writes()).as("write calls").isZero();
        assertThat(zoho.get("Accounts", account)).isEqualTo(before);
    }

    @Test
    void reviewedRecordsAreLinkedByTolkLink() {
        long first = companyInPowerOffice("Havbris AS");
        companyInPowerOffice("Havbris  AS");
        String account = zoho.create("Accounts", Map.of("Account_Name", "Havbris AS"));
        tolk.syncOk();

        tolk.run("link", "poweroffice/CompanyCustomer/" + first, "zoho/Accounts/" + account).expectExit(0);
        tolk.syncOk();
        po.patchCustomer(first, "/WebsiteUrl", "https://havbris.example.no");
        tolk.syncOk();

        assertThat(zoho.get("Accounts", account).path("Website").asText()).isEqualTo("https://havbris.example.no");
    }

    @Test
    void blanksAreFilledBothWaysAtFirstLink() {
        long company = po.createCustomer(Map.of("Name", "Solskinn AS", "IsPerson", false,
                "WebsiteUrl", "https://solskinn.example.no",
                "MailAddress", Map.of("City", "Oslo", "ZipCode", "0150", "CountryCode", "NO")));
        String account = zoho.create("Accounts", Map.of("Account_Name", "Solskinn AS", "Phone", "22110099"));

        tolk.syncOk();

        JsonNode acc = zoho.get("Accounts", account);
        assertThat(acc.path("Website").asText()).isEqualTo("https://solskinn.example.no");
        assertThat(acc.path("Billing_City").asText()).isEqualTo("Oslo");
        assertThat(acc.path("Shipping_City").asText()).isEqualTo("Oslo");
        assertThat(acc.path("Billing_Code").asText()).isEqualTo("0150");
        assertThat(acc.path("Account_Name").asText()).isEqualTo("Solskinn AS");
        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("22110099");
        assertThat(zoho.all("Accounts")).hasSize(1);
    }

    @Test
    void firstLinkDisagreementGoesToPowerOfficeByDefaultAndIsRecorded() {
        long company = companyInPowerOffice("Fjellvind AS"); // phone 22334455
        String account = zoho.create("Accounts", Map.of("Account_Name", "Fjellvind AS", "Phone", "99887766"));

        tolk.syncOk();

        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("22334455");
        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("22334455");
        Tolk.Result conflicts = tolk.run("conflicts").expectExit(0);
        assertThat(conflicts.out()).contains("99887766").contains("22334455");
    }

    @Test
    void firstLinkDisagreementGoesToZohoWhenItIsTheTieWinner() {
        writeConfig(syncSection(Map.of("tieWinner", "zoho")), "");
        long company = companyInPowerOffice("Fjellvind AS"); // phone 22334455
        String account = zoho.create("Accounts", Map.of("Account_Name", "Fjellvind AS", "Phone", "99887766"));

        tolk.syncOk();

        assertThat(po.customer(company).path("PhoneNumber").asText()).isEqualTo("99887766");
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("99887766");
        assertThat(tolk.run("conflicts").expectExit(0).out()).contains("22334455");
    }
}
