package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
