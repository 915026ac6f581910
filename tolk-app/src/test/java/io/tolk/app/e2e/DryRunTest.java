package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 8: {@code tolk plan} writes nothing anywhere, and the next sync makes exactly the writes it planned. */
class DryRunTest extends E2eBase {

    /** A write in the plan's output: a create, update or delete of a record (Change#describe lines). */
    private static final Pattern WRITE_LINE = Pattern.compile("(?m)^\\s*(F\\d+\\s+)?(create|update|delete)\\b.*$");

    private long plannedWrites(String planOutput) {
        return WRITE_LINE.matcher(planOutput).results().count();
    }

    @Test
    void planWritesNothingAndTheNextSyncMakesExactlyThePlannedWrites() throws Exception {
        long company = companyInPowerOffice("Fjellvind AS");
        personInPowerOffice("Kari", "Nordmann", "kari@example.no");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        // changes on both sides: two updates and two creates are due
        po.patchCustomer(company, "/PhoneNumber", "73001122");
        zoho.update("Contacts", onlyZoho("Contacts", "Email", "kari@example.no").get("id").asText(),
                Map.of("Mailing_City", "Bodø"));
        companyInPowerOffice("Havbris AS");
        departmentInPowerOffice("20", "Avdeling Vest");
        Map<String, String> storeBefore = storeFiles();
        String accountBefore = zoho.get("Accounts", account).toString();
        resetCounters();

        Tolk.Result plan = tolk.run("plan").expectExit(0);

        assertThat(writes()).as("write calls {PowerOffice, Zoho} during tolk plan").containsExactly(0, 0);
        assertThat(storeFiles()).as("the store files, byte for byte").isEqualTo(storeBefore);
        assertThat(zoho.get("Accounts", account).toString()).isEqualTo(accountBefore);
        long planned = plannedWrites(plan.out());
        assertThat(planned).as("writes listed by tolk plan:\n" + plan.out()).isEqualTo(5);

        tolk.syncOk();

        long written = po.admin().recordsWritten() + zoho.admin().recordsWritten();
        assertThat(written).as("records written by the sync after the plan").isEqualTo(planned);
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("73001122");
        assertThat(zoho.all("Accounts")).hasSize(3);
    }

    @Test
    void planOnAnEmptyStoreLeavesNoStoreBehind() throws Exception {
        companyInPowerOffice("Fjellvind AS");
        Map<String, String> before = storeFiles();

        tolk.run("plan").expectExit(0);

        assertThat(writes()).containsExactly(1, 0); // the customer created by this test
        assertThat(zoho.all("Accounts")).isEmpty();
        assertThat(storeFiles()).isEqualTo(before);
    }
}
