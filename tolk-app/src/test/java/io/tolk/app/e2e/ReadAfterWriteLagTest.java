package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PowerOffice serves reads from a replica that trails writes ({@code lag=1s} on its simulator, on a pinned clock so
 * "within the lag" is exact): tolk must never take a read that does not yet show a person's edit, nor its own write's
 * answer, as the value both sides agreed on. The edit must cross, and nothing may be set back.
 */
class ReadAfterWriteLagTest extends E2eBase {

    @Test
    void anEditInPowerOfficeNotYetReadableWhenTolkWritesThatRecordStillCrossesAndIsNotSetBack() {
        long customer = companyInPowerOffice("Etterslep AS");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Etterslep AS").get("id").asText();
        Instant base = pinClocks();
        po.admin().setFaults("lag=1s");
        advance(5);

        po.patchCustomer(customer, "/WebsiteUrl", "https://ny.etterslep.example.no");
        zoho.update("Accounts", account, Map.of("Phone", "47001122"));
        Tolk.Result first = tolk.syncOk();
        assertThat(first.all()).as("the first cycle wrote the Zoho edit to PowerOffice").contains("updated");

        advance(5);
        Tolk.Result second = tolk.syncOk();
        advance(5);
        Tolk.Result third = tolk.syncOk();

        String said = "first cycle (PowerOffice's read did not yet show the website edit):\n" + first.all()
                + "\nsecond:\n" + second.all() + "\nthird:\n" + third.all() + "\nhistory:\n"
                + tolk.run("history", "poweroffice/CompanyCustomer/" + customer).all();
        assertThat(po.customer(customer).path("WebsiteUrl").asText()).as("PowerOffice keeps the person's edit; " + said)
                .isEqualTo("https://ny.etterslep.example.no");
        assertThat(zoho.get("Accounts", account).path("Website").asText()).as("the edit reached Zoho; " + said)
                .isEqualTo("https://ny.etterslep.example.no");
        assertThat(po.customer(customer).path("PhoneNumber").asText()).as(said).isEqualTo("47001122");
        assertThat(base).isNotNull();
    }

    private void advance(long seconds) {
        po.admin().advanceSeconds(seconds);
        zoho.admin().advanceSeconds(seconds);
    }
}
