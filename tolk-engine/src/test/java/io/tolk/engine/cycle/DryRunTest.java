package io.tolk.engine.cycle;

import io.tolk.engine.Plan;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 8: plan writes nothing anywhere, and the next sync makes exactly the planned writes. */
class DryRunTest {

    private final EngineHarness h = new EngineHarness();

    private void mixedSituation() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "100");
        h.po.put("CompanyCustomer", "2", "Name", "Havbris AS", "PhoneNumber", "200");
        h.po.put("PersonCustomer", "3", "FirstName", "Kari", "LastName", "Nordmann", "EmailAddress", "kari@example.no");
        h.sync();
        String havbris = h.zoho.ids("Accounts").get(1);
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "101");
        h.zoho.edit("Accounts", havbris, "Website", "havbris.no");
        h.po.put("CompanyCustomer", "4", "Name", "Ny AS");
        h.zoho.put("Accounts", "600", "Account_Name", "Matchende AS", "Phone", "42");
        h.po.put("CompanyCustomer", "5", "Name", "matchende as");
        h.zoho.edit("Contacts", h.zoho.ids("Contacts").get(0), "Mailing_Country", "Narnia");
        h.writesCleared();
    }

    @Test
    void planWritesNothingToEitherSystemOrToTheStore() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.zoho.put("Accounts", "600", "Account_Name", "Annen AS");

        Plan plan = h.plan();

        assertThat(plan.writes()).hasSize(1);
        assertThat(plan.writes().get(0).describe()).startsWith("F1 create zoho/Accounts (from poweroffice/CompanyCustomer/1)");
        assertThat(h.writeCount()).isZero();
        assertThat(h.db().links(null, Integer.MAX_VALUE)).isEmpty();
        assertThat(h.db().entities(null, Integer.MAX_VALUE)).isEmpty();
        assertThat(h.db().snapshots("poweroffice", "CompanyCustomer", null, Integer.MAX_VALUE)).isEmpty();
        assertThat(h.db().runs(10)).isEmpty();
        assertThat(h.db().checkpoint(io.tolk.engine.store.StreamKey.records("zoho", "Accounts")).isNone()).isTrue();
        assertThat(plan.report().dryRun()).isTrue();
    }

    @Test
    void theNextSyncMakesExactlyThePlannedWrites() {
        mixedSituation();

        Plan plan = h.plan();
        assertThat(h.writeCount()).isZero();
        CycleReport sync = h.sync();

        assertThat(plan.writes()).isNotEmpty();
        assertThat(sync.writes()).containsExactlyElementsOf(plan.writes());
        assertThat(sync.changes(ChangeKind.LINK)).containsExactlyElementsOf(plan.report().changes(ChangeKind.LINK));
        assertThat(sync.changes(ChangeKind.FAILURE)).hasSameSizeAs(plan.report().changes(ChangeKind.FAILURE));
        assertThat(h.writeCount()).isEqualTo(plan.writes().size());
    }

    @Test
    void planAfterSyncIsEmpty() {
        mixedSituation();
        h.sync();

        assertThat(h.plan().writes()).isEmpty();
    }
}
