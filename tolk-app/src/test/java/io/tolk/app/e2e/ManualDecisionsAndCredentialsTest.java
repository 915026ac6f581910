package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's success paths for people's decisions ({@code tolk unlink}, {@code tolk link}), refused
 * credentials, and matching on a later day (rule 3 applies whenever tolk is about to create, not only the first time).
 */
class ManualDecisionsAndCredentialsTest extends E2eBase {

    @Test
    void unlinkPutsBothRecordsInReviewAndNeitherIsRecreatedOrMatchedThenLinkRelinksThem() {
        long company = companyInPowerOffice("Fjellvind AS");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        String poRef = "poweroffice/CompanyCustomer/" + company;
        String zohoRef = "zoho/Accounts/" + account;

        Tolk.Result unlink = tolk.run("unlink", zohoRef).expectExit(0);

        assertThat(unlink.out()).contains(zohoRef);
        String review = tolk.run("link").expectExit(0).out();
        assertThat(review).as("tolk link lists the records waiting for review").contains(poRef).contains(zohoRef);
        po.patchCustomer(company, "/PhoneNumber", "73001122");
        resetCounters();
        Tolk.Result first = tolk.syncOk();
        Tolk.Result second = tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} while both wait for review:\n" + first.all() + second.all())
                .containsExactly(0, 0);
        assertThat(zoho.all("Accounts")).as("not re-created").hasSize(1);
        assertThat(po.customers()).hasSize(1);
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).as("not matched again either").isEqualTo("22334455");
        assertThat(tolk.run("link").expectExit(0).out()).contains(poRef).contains(zohoRef);

        tolk.run("link", poRef, zohoRef).expectExit(0);
        tolk.syncOk();

        assertThat(zoho.get("Accounts", account).path("Phone").asText()).as("linked again: the edit crosses")
                .isEqualTo("73001122");
        assertThat(tolk.run("link").expectExit(0).out()).doesNotContain(poRef).doesNotContain(zohoRef);
        zoho.update("Accounts", account, Map.of("Website", "https://fjellvind.example.com"));
        tolk.syncOk();
        assertThat(po.customer(company).path("WebsiteUrl").asText()).isEqualTo("https://fjellvind.example.com");
        assertThat(zoho.all("Accounts")).hasSize(1);
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).containsExactly(0, 0);
    }

    @Test
    void theReviewQueueNamesTheRecordsAndGivesTheCommandAndALinkThatSettlesAnotherIsReported() {
        long company = companyInPowerOffice("Nordlys AS");
        long department = departmentInPowerOffice("40", "Nordlys AS");
        String first = zoho.create("Accounts", Map.of("Account_Name", "Nordlys AS"));
        String second = zoho.create("Accounts", Map.of("Account_Name", "NORDLYS AS"));
        String companyRef = "poweroffice/CompanyCustomer/" + company;
        String departmentRef = "poweroffice/Department/" + department;
        tolk.syncOk();

        String queue = tolk.run("link").expectExit(0).out();

        assertThat(queue).contains(companyRef + " 'Nordlys AS' (F1)", "candidate zoho/Accounts/" + second + " 'NORDLYS AS'",
                "tolk link " + companyRef + " zoho/Accounts/" + first,
                "tolk link " + departmentRef + " zoho/Accounts/" + second);
        assertThat(queue.lines().filter(l -> l.contains("candidate poweroffice/")).count())
                .as("PowerOffice candidates are listed only under Zoho records").isEqualTo(4);
        queue.lines().filter(l -> l.trim().startsWith("poweroffice/")).forEach(waiting ->
                assertThat(queue.substring(queue.indexOf(waiting) + waiting.length()).lines().skip(1)
                        .takeWhile(l -> l.startsWith("        ")).filter(l -> l.contains("candidate")))
                        .as("candidates of " + waiting).allSatisfy(l -> assertThat(l).contains("candidate zoho/")));

        tolk.run("link", companyRef, "zoho/Accounts/" + first).expectExit(0);
        Tolk.Result settled = tolk.syncOk();

        assertThat(settled.out()).contains("Linked after review (1):", departmentRef, "zoho/Accounts/" + second);
        assertThat(tolk.run("history", departmentRef).expectExit(0).out()).contains("matched zoho/Accounts/" + second,
                "waited for review", "without being asked");
        assertThat(tolk.run("link").expectExit(0).out()).contains("No records wait for review.");
        assertThat(zoho.all("Accounts")).as("linked, nothing created").hasSize(2);
    }

    @Test
    void linkCreateGivesAWaitingCustomerAnAccountOfItsOwnAndTheQueueOffersIt() {
        long company = companyInPowerOffice("Havbris AS");
        zoho.create("Accounts", Map.of("Account_Name", "Havbris AS", "Billing_City", "Bergen"));
        zoho.create("Accounts", Map.of("Account_Name", "HAVBRIS AS", "Billing_City", "Tromsø"));
        String companyRef = "poweroffice/CompanyCustomer/" + company;
        tolk.syncOk();
        assertThat(tolk.run("link").expectExit(0).out()).contains("tolk link --create " + companyRef);

        assertThat(tolk.run("link", "--create", companyRef).expectExit(0).out()).contains("creates the partner of " + companyRef);
        assertThat(tolk.run("link").expectExit(0).out()).contains(companyRef, "its partner is created by the next cycle");
        tolk.syncOk();

        assertThat(zoho.all("Accounts")).as("the two it resembled and its own").hasSize(3);
        assertThat(tolk.run("link").expectExit(0).out()).doesNotContain(companyRef);
        assertThat(tolk.run("history", companyRef).expectExit(0).out()).contains("create its partner", "created zoho/Accounts/");
        assertThat(tolk.run("link", "--create", companyRef).expectExit(2).err()).contains("is linked to zoho/Accounts/");
    }

    @Test
    void aZohoEditIsInTheHistoryWithWhoMadeItAndItsOldAndNewValue() {
        long company = companyInPowerOffice("Skjærgård AS");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Skjærgård AS").path("id").asText();
        zoho.update("Accounts", account, Map.of("Phone", "73001122"));
        tolk.syncOk();

        assertThat(tolk.run("history", "poweroffice/CompanyCustomer/" + company).expectExit(0).out())
                .contains("changed in Zoho by Sim Admin: Phone: '22334455' → '73001122'");
    }

    @Test
    void newCustomerIsLinkedOnALaterDayToTheSameNamedAccountThatWasAlreadyInZoho() {
        companyInPowerOffice("Fjellvind AS");
        String havbrisAccount = zoho.create("Accounts", Map.of("Account_Name", "Havbris AS", "Phone", "55001100"));
        tolk.syncOk(); // day one: Havbris exists only in Zoho, and stays there
        assertThat(po.customers()).hasSize(1);
        assertThat(zoho.all("Accounts")).hasSize(2);

        long havbris = po.createCustomer(Map.of("Name", "havbris  as", "IsPerson", false,
                "MailAddress", Map.of("City", "Bergen", "ZipCode", "5003", "CountryCode", "NO")));
        resetCounters();
        Tolk.Result dayTwo = tolk.syncOk();

        assertThat(zoho.admin().requests("Accounts.insert")).as("no Account created:\n" + dayTwo.all()).isZero();
        assertThat(zoho.all("Accounts")).hasSize(2);
        assertThat(zoho.get("Accounts", havbrisAccount).path("Billing_City").asText()).as("linked: blanks filled")
                .isEqualTo("Bergen");
        assertThat(po.customer(havbris).path("PhoneNumber").asText()).isEqualTo("55001100");
        po.patchCustomer(havbris, "/WebsiteUrl", "https://havbris.example.no");
        tolk.syncOk();
        assertThat(zoho.get("Accounts", havbrisAccount).path("Website").asText()).isEqualTo("https://havbris.example.no");
    }

    private void replaceInConfig(String from, String to) throws IOException {
        String yaml = Files.readString(configFile);
        assertThat(yaml).contains(from);
        Files.writeString(configFile, yaml.replace(from, to));
    }

    @Test
    void syncWithAWrongZohoClientSecretExits3AndNamesZoho() throws IOException {
        companyInPowerOffice("Fjellvind AS");
        replaceInConfig("clientSecret: demo-secret", "clientSecret: not-the-secret");

        Tolk.Result r = tolk.run("sync", "--once");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).as("stderr").containsIgnoringCase("zoho");
        assertThat(r.all()).as("the secret is never shown").doesNotContain("not-the-secret");
        assertThat(zoho.all("Accounts")).isEmpty();
        assertThat(writes()).containsExactly(1, 0); // the customer this test created
    }

    @Test
    void syncWithAWrongPowerOfficeClientKeyExits3AndNamesPowerOffice() throws IOException {
        companyInPowerOffice("Fjellvind AS");
        replaceInConfig("clientKey: demo-client", "clientKey: not-the-key");

        Tolk.Result r = tolk.run("sync", "--once");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).as("stderr").containsIgnoringCase("poweroffice");
        assertThat(r.all()).as("the key is never shown").doesNotContain("not-the-key");
        assertThat(zoho.all("Accounts")).isEmpty();
        assertThat(writes()).containsExactly(1, 0);
    }
}
