package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes in tolk.yaml that only the systems' own field lists reveal: each is exit 2 naming the key and the line
 * (before, they reached PowerOffice or Zoho and came back as a 400, exit 3), and a field list that cannot be read is
 * exit 3.
 */
class ConfigMistakesTest extends E2eBase {

    private static final String ADD = """
            flows:
              F1:
                add:
                  - property: organization.orgNumber
                    poweroffice: %s
                    zoho: %s
            """;

    /** The 1-based line of tolk.yaml that contains {@code text}. */
    private int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(configFile);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in tolk.yaml");
    }

    @Test
    void anUnknownPowerOfficePropertyInAnAddedPairIsExit2WithItsKeyAndLine() throws IOException {
        writeConfig(ADD.formatted("NoSuchProp", "Account_Number"));

        for (String command : List.of("sync", "plan", "status")) {
            Tolk.Result r = command.equals("sync") ? tolk.sync() : tolk.run(command);
            r.expectExit(2);
            assertThat(r.err()).as(command).contains("flows.F1.add[0].poweroffice (line " + lineOf("NoSuchProp") + ")")
                    .contains("NoSuchProp");
        }
        assertThat(po.admin().writes() + zoho.admin().writes()).isZero();
    }

    @Test
    void aFilterOnAnUnknownPowerOfficePropertyIsExit2WithItsKeyLineAndTheNameMeant() throws IOException {
        writeConfig("flows:\n  F1:\n    filter: \"IsArchivd == false\"\n");

        Tolk.Result r = tolk.sync().expectExit(2);

        assertThat(r.err()).contains("flows.F1.filter (line " + lineOf("IsArchivd") + ")").contains("IsArchivd")
                .contains("did you mean IsArchived?");
    }

    @Test
    void anUnknownZohoFieldInAnAddedPairIsExit2WithItsKeyLineAndTheNameMeantBeforeAnyRecordIsRead() throws IOException {
        companyInPowerOffice("Fjellvind AS");
        writeConfig(ADD.formatted("OrganizationNumber", "Acount_Number"));
        po.admin().resetCounters();
        zoho.admin().resetCounters();

        Tolk.Result r = tolk.sync().expectExit(2);

        assertThat(r.err()).contains("flows.F1.add[0].zoho (line " + lineOf("Acount_Number") + ")")
                .contains("Zoho Accounts has no field Acount_Number").contains("did you mean Account_Number?");
        assertThat(zoho.all("Accounts")).isEmpty();
        assertThat(po.admin().writes() + zoho.admin().writes()).isZero();
        assertThat(tolk.run("plan").expectExit(2).err()).contains("flows.F1.add[0].zoho");
        assertThat(tolk.run("doctor").expectExit(2).out()).contains("FAIL").contains("flows.F1.add[0].zoho")
                .contains("Acount_Number");
    }

    @Test
    void aKnownZohoFieldInAnAddedPairSyncs() {
        companyInPowerOffice("Fjellvind AS");
        writeConfig(ADD.formatted("OrganizationNumber", "Account_Number"));

        tolk.syncOk();

        assertThat(onlyZoho("Accounts", "Account_Name", "Fjellvind AS").path("Account_Number").asText()).isEqualTo("912345678");
    }

    @Test
    void zohoFieldMetadataThatCannotBeReadIsExit3SayingWhatCouldNotBeChecked() {
        writeConfig(ADD.formatted("OrganizationNumber", "Account_Number"));
        tolk.syncOk();   // the token and the first cycle work
        zoho.admin().setFaults("error=1");

        Tolk.Result r = tolk.sync().expectExit(3);

        assertThat(r.err()).contains("field metadata of Accounts could not be read")
                .contains("flows.F1.add[0].zoho (Account_Number)");
    }

    @Test
    void anEnvironmentReferenceLeftOpenIsExit2WithItsKeyAndLineNotRefusedCredentials() throws IOException {
        writeConfig("");
        Files.writeString(configFile, Files.readString(configFile).replace("clientSecret: demo-secret",
                "clientSecret: ${ZOHO_CLIENT_SECRET"));

        Tolk.Result r = tolk.sync().expectExit(2);

        assertThat(r.err()).contains("zoho.clientSecret (line " + lineOf("${ZOHO_CLIENT_SECRET") + ")")
                .contains("never closed");
        assertThat(zoho.admin().writes()).isZero();
    }
}
