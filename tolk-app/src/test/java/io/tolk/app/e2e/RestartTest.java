package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

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
