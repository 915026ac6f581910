package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 6: legacy records today's validation would refuse, and values that cannot be converted, fail alone with a clear
 * reason; the rest of the run goes on; fixing the source makes the next cycle sync it and clear the failure.
 */
class BadDataTest extends E2eBase {

    private static final String LONG_NAME = "Langnavn " + "x".repeat(291); // 300 characters

    private long fixtureCustomer(Map<String, Object> customer) {
        return po.admin().loadFixtures(Map.of("customers", List.of(customer))).get("customers").get(0).asLong();
    }

    @Test
    void personWithoutLastNameFailsAloneUntilFixed() {
        long legacy = fixtureCustomer(Map.of("IsPerson", true, "FirstName", "Ola", "EmailAddress", "ola@example.no"));
        personInPowerOffice("Kari", "Nordmann", "kari@example.no");

        Tolk.Result run = tolk.sync();

        assertThat(run.exitCode()).as("exit code of a run with a failed record").isEqualTo(1);
        assertThat(onlyZoho("Contacts", "Email", "kari@example.no")).isNotNull();
        assertThat(zoho.all("Contacts")).hasSize(1);
        Tolk.Result failures = tolk.run("failures");
        assertThat(failures.out()).contains(Long.toString(legacy)).containsIgnoringCase("Last_Name");

        po.patchCustomer(legacy, "/LastName", "Nordmann");
        tolk.syncOk();

        assertThat(onlyZoho("Contacts", "Email", "ola@example.no").path("Last_Name").asText()).isEqualTo("Nordmann");
        assertThat(tolk.run("failures").out()).doesNotContain(Long.toString(legacy));
    }

    @Test
    void companyNameOf300CharactersFailsAloneUntilFixed() {
        long legacy = fixtureCustomer(Map.of("IsPerson", false, "Name", LONG_NAME));
        companyInPowerOffice("Fjellvind AS");

        Tolk.Result run = tolk.sync();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(zoho.all("Accounts")).extracting(a -> a.path("Account_Name").asText()).containsExactly("Fjellvind AS");
        assertThat(tolk.run("failures").out()).contains(Long.toString(legacy)).contains("Account_Name").contains("300");

        po.patchCustomer(legacy, "/Name", "Kortnavn AS");
        tolk.syncOk();

        assertThat(onlyZoho("Accounts", "Account_Name", "Kortnavn AS")).isNotNull();
        assertThat(tolk.run("failures").out()).doesNotContain(Long.toString(legacy));
    }

    @Test
    void zohoCountryNarniaFailsAloneIsNeverSentAndSyncsOnceFixed() {
        long narnia = companyInPowerOffice("Fjellvind AS");
        long other = companyInPowerOffice("Havbris AS");
        tolk.syncOk();
        String narniaAccount = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        String otherAccount = onlyZoho("Accounts", "Account_Name", "Havbris AS").get("id").asText();
        zoho.update("Accounts", narniaAccount, Map.of("Billing_Country", "Narnia", "Shipping_Country", "Narnia"));
        zoho.update("Accounts", otherAccount, Map.of("Phone", "55001100"));

        Tolk.Result run = tolk.sync();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(po.customer(narnia).path("MailAddress").path("CountryCode").asText()).isEqualTo("NO");
        assertThat(po.customer(other).path("PhoneNumber").asText()).isEqualTo("55001100");
        assertThat(tolk.run("failures").out()).contains("Narnia");

        zoho.update("Accounts", narniaAccount, Map.of("Billing_Country", "Sweden", "Shipping_Country", "Sweden"));
        tolk.syncOk();

        assertThat(po.customer(narnia).path("MailAddress").path("CountryCode").asText()).isEqualTo("SE");
        assertThat(tolk.run("failures").out()).doesNotContain("Narnia");
    }
}
