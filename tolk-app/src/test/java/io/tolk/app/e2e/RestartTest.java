package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State lives in the store, not in the process: every {@link Tolk} call is a fresh command line. Here a cycle is cut
 * mid-way: Zoho applies the creates, but tolk never hears back (a crash or a cut connection after the send); the next
 * run must not create them a second time (rule 4).
 */
class RestartTest extends E2eBase {

    @Test
    void createsAppliedButUnansweredAreNotDuplicatedByTheNextRun() throws Exception {
        try (CutAfterApplyProxy proxy = new CutAfterApplyProxy(zohoSim.baseUrl(), ex ->
                ex.getRequestMethod().equals("POST") && ex.getRequestURI().getPath().matches("/crm/v8/(Accounts|Contacts)"))) {
            zohoUrl = proxy.baseUrl();
            writeConfig("");
            List<String> names = List.of("Fjellvind AS", "Havbris AS", "Nordlys AS");
            names.forEach(this::companyInPowerOffice);
            personInPowerOffice("Kari", "Nordmann", "kari@example.no");

            proxy.arm(true);
            Tolk.Result cut = tolk.sync();
            proxy.arm(false);

            assertThat(proxy.cuts()).as("create calls cut after Zoho applied them").isPositive();
            // tolk may resolve the unknown outcomes in the same run (lookup before retry) or in the next one; either
            // way no record may exist twice, at any point
            for (String name : names) {
                assertThat(zoho.all("Accounts")).as("Accounts named " + name + " after the interrupted run (exit "
                        + cut.exitCode() + ")").filteredOn(a -> a.path("Account_Name").asText().equals(name)).hasSizeLessThanOrEqualTo(1);
            }
            assertThat(zoho.all("Accounts")).as("Zoho applied the creates").isNotEmpty();

            tolk.syncOk();

            for (String name : names) {
                onlyZoho("Accounts", "Account_Name", name); // exactly one each
            }
            onlyZoho("Contacts", "Email", "kari@example.no");
            assertThat(zoho.all("Accounts")).hasSize(3);
            assertThat(zoho.all("Contacts")).hasSize(1);
            resetCounters();
            tolk.syncOk();
            assertThat(writes()).as("writes once everything is linked").containsExactly(0, 0);
        }
    }

    @Test
    void createsWhoseOutcomeStayedUnknownAreLookedUpNotRepeatedByTheNextRun() throws Exception {
        // the connection to Zoho dies right after the first create was sent (and applied): everything after it is
        // cut too, so tolk cannot find out in the same run, as after a crash
        java.util.concurrent.atomic.AtomicBoolean dead = new java.util.concurrent.atomic.AtomicBoolean();
        try (CutAfterApplyProxy proxy = new CutAfterApplyProxy(zohoSim.baseUrl(), ex -> dead.get()
                || (ex.getRequestMethod().equals("POST") && ex.getRequestURI().getPath().matches("/crm/v8/(Accounts|Contacts)")
                && !dead.getAndSet(true)))) {
            zohoUrl = proxy.baseUrl();
            writeConfig("");
            List<String> names = List.of("Fjellvind AS", "Havbris AS", "Nordlys AS");
            names.forEach(this::companyInPowerOffice);

            proxy.arm(true);
            Tolk.Result crashed = tolk.sync();
            proxy.arm(false);

            assertThat(crashed.exitCode()).as("the run that lost Zoho:\n" + crashed.all()).isNotZero();
            assertThat(zoho.all("Accounts")).as("Zoho applied the create it was sent").isNotEmpty();

            Tolk.Result next = tolk.sync();

            assertThat(zoho.all("Accounts")).as("Accounts after the next run:\n" + next.all()).hasSize(3);
            for (String name : names) {
                onlyZoho("Accounts", "Account_Name", name);
            }
            tolk.syncOk();
            resetCounters();
            tolk.syncOk();
            assertThat(writes()).containsExactly(0, 0);
        }
    }

    /**
     * Rule 4 with {@code zoho.externalIdField}: the create whose answer was lost carries tolk's key in PowerOffice_Id,
     * and the next run finds it by that key, even after a CRM user renamed it (so the match keys no longer fit).
     */
    @Test
    void createWhoseAnswerWasLostIsFoundByTheExternalIdFieldNotCreatedAgain() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean dead = new java.util.concurrent.atomic.AtomicBoolean();
        try (CutAfterApplyProxy proxy = new CutAfterApplyProxy(zohoSim.baseUrl(), ex -> dead.get()
                || (ex.getRequestMethod().equals("POST") && ex.getRequestURI().getPath().equals("/crm/v8/Accounts")
                && !dead.getAndSet(true)))) {
            zohoUrl = proxy.baseUrl();
            zohoExtra = "  externalIdField: PowerOffice_Id\n";
            writeConfig("");
            companyInPowerOffice("Fjellvind AS");

            proxy.arm(true);
            Tolk.Result crashed = tolk.sync();
            proxy.arm(false);

            assertThat(crashed.exitCode()).as("the run that lost Zoho:\n" + crashed.all()).isNotZero();
            assertThat(proxy.cuts()).isPositive();
            com.fasterxml.jackson.databind.JsonNode created = onlyZoho("Accounts", "Account_Name", "Fjellvind AS");
            String id = created.get("id").asText();
            String key = zoho.get("Accounts", id, "Account_Name,PowerOffice_Id").path("PowerOffice_Id").asText("");
            assertThat(key).as("tolk's key in the external-id field of the Account Zoho created").isNotBlank();
            zoho.update("Accounts", id, Map.of("Account_Name", "Fjellvind Holding AS")); // match keys no longer fit

            Tolk.Result next = tolk.sync();

            assertThat(zoho.all("Accounts")).as("Accounts after the next run:\n" + next.all()).hasSize(1);
            assertThat(zoho.all("Accounts").get(0).get("id").asText()).isEqualTo(id);
            assertThat(zoho.get("Accounts", id, "Account_Name,PowerOffice_Id").path("PowerOffice_Id").asText()).isEqualTo(key);
            tolk.syncOk();
            resetCounters();
            tolk.syncOk();
            assertThat(writes()).as("writes once the Account is linked").containsExactly(0, 0);
            assertThat(zoho.all("Accounts")).hasSize(1);
        }
    }

    @Test
    void stateSurvivesBetweenCommandLines() {
        long company = companyInPowerOffice("Fjellvind AS");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();

        po.patchCustomer(company, "/PhoneNumber", "73001122");
        new Tolk(dir, configFile).syncOk(); // another process, same store

        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("73001122");
        assertThat(zoho.all("Accounts")).hasSize(1);
    }
}
