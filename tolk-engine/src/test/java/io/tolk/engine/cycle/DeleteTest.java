package io.tolk.engine.cycle;

import io.tolk.engine.policy.DeletePolicy;
import io.tolk.api.RecordRef;
import io.tolk.api.WriteOperation;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 5: deletions are believed only when confirmed, not propagated by default, never answered by re-creating. */
class DeleteTest {

    private final EngineHarness h = new EngineHarness();
    private String account;
    private final RecordRef customer = new RecordRef("poweroffice", "CompanyCustomer", "1");

    @BeforeEach
    void linkedCustomer() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "100", "IsArchived", "false");
        h.sync();
        account = h.zoho.ids("Accounts").get(0);
        h.writesCleared();
    }

    private RecordRef accountRef() {
        return new RecordRef("zoho", "Accounts", account);
    }

    @Test
    void anIncrementalReadThatDoesNotMentionARecordIsNoDeletion() {
        h.sync();
        h.sync();

        assertThat(h.db().link(accountRef()).orElseThrow().state()).isEqualTo(LinkState.ACTIVE);
        assertThat(h.db().link(customer).orElseThrow().state()).isEqualTo(LinkState.ACTIVE);
    }

    @Test
    void anAbsenceIsNotBelievedWhileTheLookupFails() {
        h.po.delete("CompanyCustomer", "1");
        h.po.failLookups(true);

        CycleReport report = h.sync();

        assertThat(h.db().link(customer).orElseThrow().state()).isEqualTo(LinkState.ACTIVE);
        assertThat(report.changes(ChangeKind.DELETED_IN_SOURCE)).isEmpty();
        h.po.failLookups(false);
        h.sync();
        assertThat(h.db().link(customer).orElseThrow().state()).isEqualTo(LinkState.DELETED_IN_SOURCE);
    }

    @Test
    void customerDeletedInPowerOfficeLeavesTheAccountAloneAndIsNotRecreated() {
        h.po.delete("CompanyCustomer", "1");

        CycleReport report = h.sync();

        assertThat(h.db().link(customer).orElseThrow().state()).isEqualTo(LinkState.DELETED_IN_SOURCE);
        assertThat(report.changes(ChangeKind.DELETED_IN_SOURCE)).hasSize(1);
        assertThat(h.zoho.ids("Accounts")).containsExactly(account);
        assertThat(h.writeCount()).isZero();

        h.zoho.edit("Accounts", account, "Phone", "999");
        h.sync();
        assertThat(h.po.ids("CompanyCustomer")).as("not re-created from Zoho").isEmpty();
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void accountDeletedInZohoLeavesTheCustomerAloneAndIsNotRecreated() {
        h.zoho.delete("Accounts", account);

        h.sync();
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "555");
        h.sync();

        assertThat(h.db().link(accountRef()).orElseThrow().state()).isEqualTo(LinkState.DELETED_IN_SOURCE);
        assertThat(h.zoho.ids("Accounts")).isEmpty();
        assertThat(h.po.field("CompanyCustomer", "1", "IsArchived")).isEqualTo("false");
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void aCompanyCustomerTurnedIntoAPersonLeavesF1AsDeletedAndJoinsF3AsANewContact() {
        h.po.moveType("CompanyCustomer", "PersonCustomer", "1", "FirstName", "Kari", "LastName", "Fjellvind",
                "EmailAddress", "kari@fjellvind.no");

        CycleReport report = h.sync();

        assertThat(h.db().link(customer).orElseThrow().state()).isEqualTo(LinkState.DELETED_IN_SOURCE);
        assertThat(report.changes(ChangeKind.DELETED_IN_SOURCE)).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("no longer a CompanyCustomer").contains("PersonCustomer"));
        assertThat(h.engine().history(customer, 1).get(0).detail()).contains("now a PersonCustomer");
        assertThat(h.zoho.ids("Accounts")).as("the Account is left alone").containsExactly(account);
        assertThat(h.zoho.ids("Contacts")).as("the person gets its Contact").hasSize(1);
        assertThat(h.db().link(new RecordRef("poweroffice", "PersonCustomer", "1"))).isPresent();

        h.writesCleared();
        h.sync();
        assertThat(h.writeCount()).as("settled: the next cycle writes nothing").isZero();
    }

    @Test
    void anAccountRestoredFromTheRecycleBinIsLinkedAgainAndSyncs() {
        h.zoho.delete("Accounts", account);
        h.sync();
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "555");
        h.sync();

        h.zoho.restore("Accounts", account);
        CycleReport report = h.sync();

        assertThat(report.changes(ChangeKind.RESTORED)).hasSize(1);
        assertThat(h.db().link(accountRef()).orElseThrow().state()).isEqualTo(LinkState.ACTIVE);
        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("555");
        assertThat(h.zoho.ids("Accounts")).containsExactly(account);
    }

    @Test
    void withPropagateACustomerDeletionDeletesTheAccount() {
        h.options = h.options.withDeletes(DeletePolicy.PROPAGATE, 20);
        h.po.delete("CompanyCustomer", "1");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Accounts")).isEmpty();
        assertThat(report.changes(ChangeKind.DELETE)).hasSize(1);
        assertThat(h.zoho.writes()).extracting(FakeWrite -> FakeWrite.operation()).containsExactly(WriteOperation.DELETE);
        h.writesCleared();
        assertThat(h.sync().writes()).isEmpty();
    }

    @Test
    void withPropagateAnAccountDeletionArchivesTheCustomer() {
        h.options = h.options.withDeletes(DeletePolicy.PROPAGATE, 20);
        h.zoho.delete("Accounts", account);

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "IsArchived")).isEqualTo("true");
        h.writesCleared();
        assertThat(h.sync().writes()).isEmpty();
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void propagationAboveMaxDeletesPerCycleIsHaltedUntilConfirmed() {
        h.po.put("CompanyCustomer", "2", "Name", "To AS");
        h.po.put("CompanyCustomer", "3", "Name", "Tre AS");
        h.sync();
        h.options = h.options.withDeletes(DeletePolicy.PROPAGATE, 2);
        h.po.delete("CompanyCustomer", "1");
        h.po.delete("CompanyCustomer", "2");
        h.po.delete("CompanyCustomer", "3");
        h.writesCleared();

        CycleReport halted = h.sync();

        assertThat(halted.deletesHalted()).contains("3 deletions held back").contains("maxDeletesPerCycle (2)");
        assertThat(halted.outcome().code()).isEqualTo("deletes halted");
        assertThat(h.zoho.ids("Accounts")).hasSize(3);
        assertThat(h.sync().deletesHalted()).as("still halted next cycle").isNotNull();

        h.options = h.options.withConfirmDeletes(true);
        h.sync();
        assertThat(h.zoho.ids("Accounts")).isEmpty();
    }

    @Test
    void zohoDeletionsHeldBackArchiveTheirCustomersOnceConfirmed() {
        h.po.put("CompanyCustomer", "2", "Name", "To AS");
        h.po.put("CompanyCustomer", "3", "Name", "Tre AS");
        h.sync();
        h.options = h.options.withDeletes(DeletePolicy.PROPAGATE, 2);
        for (String id : h.zoho.ids("Accounts")) {
            h.zoho.delete("Accounts", id);
        }

        assertThat(h.sync().deletesHalted()).contains("3 deletions held back");
        assertThat(h.sync().deletesHalted()).as("still halted next cycle").isNotNull();
        assertThat(h.po.field("CompanyCustomer", "2", "IsArchived")).isNotEqualTo("true");

        h.options = h.options.withConfirmDeletes(true);
        CycleReport confirmed = h.sync();

        assertThat(confirmed.total(FlowCounts::deleted)).isEqualTo(3);
        for (String id : List.of("1", "2", "3")) {
            assertThat(h.po.field("CompanyCustomer", id, "IsArchived")).as("customer " + id).isEqualTo("true");
        }
        assertThat(h.sync().writes()).as("archived once, and then left alone").isEmpty();
    }
}
