package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 5: deletes are not propagated by default, nothing is re-created behind the user's back, restores relink. */
class DeletesTest extends E2eBase {

    private long company;
    private String account;

    @BeforeEach
    void linkedCompany() {
        company = companyInPowerOffice("Fjellvind AS");
        tolk.syncOk();
        account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
    }

    @Test
    void accountDeletedInZohoLeavesTheCustomerAloneAndIsNotRecreated() {
        JsonNode before = po.customer(company);
        zoho.delete("Accounts", account);
        resetCounters();

        tolk.syncOk();
        tolk.syncOk();

        assertThat(zoho.all("Accounts")).as("Accounts: not re-created").isEmpty();
        assertThat(po.customer(company)).as("the PowerOffice customer is untouched").isEqualTo(before);
        assertThat(writes()).as("write calls {PowerOffice, Zoho}").containsExactly(0, 0);
        // still not re-created after an edit of the customer
        po.patchCustomer(company, "/PhoneNumber", "73001122");
        tolk.syncOk();
        assertThat(zoho.all("Accounts")).isEmpty();
    }

    @Test
    void customerDeletedInPowerOfficeLeavesTheAccountAloneAndIsNotRecreated() {
        JsonNode before = zoho.get("Accounts", account);
        po.deleteCustomer(company);
        resetCounters();

        tolk.syncOk();
        tolk.syncOk();

        assertThat(po.customerStatus(company)).isEqualTo(404);
        assertThat(po.customers()).as("customers: not re-created").isEmpty();
        assertThat(zoho.get("Accounts", account)).as("the Account is untouched").isEqualTo(before);
        assertThat(writes()).containsExactly(0, 0);
        zoho.update("Accounts", account, Map.of("Phone", "55001100"));
        tolk.syncOk();
        assertThat(po.customers()).isEmpty();
    }

    @Test
    void accountRestoredFromTheRecycleBinIsLinkedAgain() {
        zoho.delete("Accounts", account);
        tolk.syncOk();
        zoho.restore("Accounts", account);
        tolk.syncOk();

        po.patchCustomer(company, "/PhoneNumber", "73001122");
        tolk.syncOk();

        assertThat(zoho.all("Accounts")).hasSize(1);
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).isEqualTo("73001122");
    }

    @Test
    void withPropagateAnAccountDeletedInZohoArchivesTheCustomer() {
        writeConfig(syncSection(Map.of("deletes", "propagate")), "");
        zoho.delete("Accounts", account);

        tolk.syncOk();

        assertThat(po.customer(company).path("IsArchived").asBoolean()).isTrue();
        resetCounters();
        tolk.syncOk();
        assertThat(zoho.all("Accounts")).isEmpty();
        assertThat(writes()).containsExactly(0, 0);
    }

    @Test
    void withPropagateACustomerDeletedInPowerOfficeDeletesTheAccount() {
        writeConfig(syncSection(Map.of("deletes", "propagate")), "");
        po.deleteCustomer(company);

        tolk.syncOk();

        assertThat(zoho.get("Accounts", account)).isNull();
        assertThat(po.customers()).isEmpty();
    }

    @Test
    void archivedCustomerIsNotCreatedInZoho() {
        long archived = companyInPowerOffice("Arkivert AS");
        po.patchCustomer(archived, "/IsArchived", true);

        tolk.syncOk();

        assertThat(zoho.all("Accounts")).extracting(a -> a.path("Account_Name").asText()).containsExactly("Fjellvind AS");
    }

    @Test
    void archivingALinkedCustomerChangesNothingInZoho() {
        JsonNode before = zoho.get("Accounts", account);
        po.patchCustomer(company, "/IsArchived", true);
        resetCounters();

        tolk.syncOk();

        assertThat(zoho.get("Accounts", account)).isEqualTo(before);
        assertThat(writes()).containsExactly(0, 0);
    }

    @Test
    void withPropagateAnAccountDeletedInZohoDeactivatesTheLinkedDepartment() {
        writeConfig(syncSection(Map.of("deletes", "propagate")), "");
        long department = departmentInPowerOffice("20", "Avdeling Vest");
        tolk.syncOk();
        String deptAccount = onlyZoho("Accounts", "Account_Name", "Avdeling Vest").get("id").asText();
        assertThat(po.department(department).path("IsActive").asBoolean()).isTrue();
        zoho.delete("Accounts", deptAccount);

        tolk.syncOk();

        JsonNode after = po.department(department);
        assertThat(after.path("IsActive").asBoolean(true)).as("the department, read back: " + after).isFalse();
        assertThat(after.path("Name").asText()).as("deactivated, not deleted").isEqualTo("Avdeling Vest");
        assertThat(po.customer(company).path("IsArchived").asBoolean()).as("the other customer is untouched").isFalse();
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).containsExactly(0, 0);
        assertThat(zoho.all("Accounts")).as("nothing re-created").extracting(a -> a.path("Account_Name").asText())
                .containsExactly("Fjellvind AS");
    }

    @Test
    void deletesAboveMaxDeletesPerCycleAreHaltedUntilConfirmedWithConfirmDeletes() {
        // 31 linked pairs: 10 % is 4, so the limit here is maxDeletesPerCycle (2)
        writeConfig(syncSection(Map.of("deletes", "propagate", "maxDeletesPerCycle", "2")), "");
        List<Long> companies = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            companies.add(companyInPowerOffice("Selskap " + i + " AS"));
        }
        tolk.syncOk();
        for (int i = 1; i <= 3; i++) {
            zoho.delete("Accounts", onlyZoho("Accounts", "Account_Name", "Selskap " + i + " AS").get("id").asText());
        }
        resetCounters();

        Tolk.Result halted = tolk.run("sync", "--once");

        assertThat(halted.exitCode()).as("exit code of the halted run (records held back need a person):\n"
                + halted.all()).isEqualTo(1);
        assertThat(halted.out()).as("the halted run says so and how to go on")
                .contains("Deletes halted").contains("3 deletions held back").contains("the limit is 2")
                .contains("tolk sync --once --confirm-deletes");
        assertThat(writes()).as("write calls {PowerOffice, Zoho} of the halted run").containsExactly(0, 0);
        for (long c : companies) {
            assertThat(po.customer(c).path("IsArchived").asBoolean()).as("customer " + c).isFalse();
        }
        Tolk.Result stillHalted = tolk.run("sync", "--once");
        assertThat(stillHalted.out()).contains("Deletes halted");
        assertThat(writes()).as("a second run without confirmation").containsExactly(0, 0);

        Tolk.Result confirmed = tolk.run("sync", "--once", "--confirm-deletes").expectExit(0);

        for (int i = 0; i < companies.size(); i++) {
            assertThat(po.customer(companies.get(i)).path("IsArchived").asBoolean())
                    .as("customer Selskap " + (i + 1) + " AS after --confirm-deletes:\n" + confirmed.all()).isEqualTo(i < 3);
        }
        assertThat(po.admin().recordsWritten()).as("PowerOffice records written").isEqualTo(3);
        assertThat(zoho.admin().writes()).isZero();
        assertThat(zoho.all("Accounts")).as("nothing re-created").hasSize(28);
        resetCounters();
        Tolk.Result after = tolk.syncOk();
        assertThat(after.out()).doesNotContain("Deletes halted");
        assertThat(writes()).containsExactly(0, 0);
    }
}
