package io.tolk.engine.cycle;

import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.testing.StandardMapping;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule 4: creates never duplicate. */
class CreateIntentTest {

    private final EngineHarness h = new EngineHarness();

    @Test
    void aCreateWithAnUnknownOutcomeIsLookedUpNotRepeated() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.zoho.unknownOutcomes(1);

        h.sync();
        assertThat(h.db().intents(IntentState.PENDING)).hasSize(1);
        h.sync();
        h.sync();

        assertThat(h.zoho.ids("Accounts")).hasSize(1);
        assertThat(h.db().link(new RecordRef("zoho", "Accounts", h.zoho.ids("Accounts").get(0)))).isPresent();
        assertThat(h.db().intents(IntentState.PENDING)).isEmpty();
        assertThat(h.engine().failures()).isEmpty();
    }

    @Test
    void aCrashAfterTheCreateWasAppliedDoesNotDuplicateIt() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "100");
        h.zoho.crashAfterCreate();

        assertThatThrownBy(h::sync).hasMessageContaining("simulated crash");
        h.sync();
        h.writesCleared();
        CycleReport quiet = h.sync();

        assertThat(h.zoho.ids("Accounts")).hasSize(1);
        assertThat(h.db().link(new RecordRef("zoho", "Accounts", h.zoho.ids("Accounts").get(0)))).isPresent();
        assertThat(quiet.writes()).isEmpty();
    }

    @Test
    void anIntentStoredButNeverSentIsCreatedOnce() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.zoho.reject("Account_Name", "temporarily refused");
        h.sync();
        h.zoho.accept("Account_Name");

        h.sync();
        h.sync();

        assertThat(h.zoho.ids("Accounts")).hasSize(1);
    }

    @Test
    void aZohoAccountCreatedInPowerOfficeHasItsSecondaryFieldsMirroredInTheSameCycle() {
        h.mapping = io.tolk.engine.testing.StandardMapping.build(new io.tolk.engine.mapping.MappingOverrides(java.util.List.of(
                io.tolk.engine.testing.TestOverrides.flow("F1", 1, null, 0, true, 1, java.util.List.of(), java.util.List.of()))));
        h.zoho.put("Accounts", "500", "Account_Name", "Fra Zoho AS", "Billing_City", "Oslo", "Billing_Code", "0150",
                "Billing_Country", "Norway");

        CycleReport first = h.sync();

        assertThat(first.writes()).extracting(Change::kind).containsExactly(ChangeKind.CREATE, ChangeKind.UPDATE);
        String id = h.po.ids("CompanyCustomer").get(0);
        assertThat(h.po.field("CompanyCustomer", id, "MailAddress.CountryCode")).isEqualTo("NO");
        assertThat(h.zoho.field("Accounts", "500", "Shipping_Code")).isEqualTo("0150");
        assertThat(h.zoho.field("Accounts", "500", "Shipping_Country")).isEqualTo("NO");
        h.writesCleared();
        assertThat(h.sync().writes()).isEmpty();
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void powerOfficeCreatesCarryTheIntentKeyAsExternalImportReference() {
        h.mapping = io.tolk.engine.testing.StandardMapping.build(new io.tolk.engine.mapping.MappingOverrides(java.util.List.of(
                io.tolk.engine.testing.TestOverrides.flow("F1", 1, null, 0, true, 1, java.util.List.of(), java.util.List.of()))));
        h.zoho.put("Accounts", "500", "Account_Name", "Bare i Zoho AS", "Phone", "777");
        h.po.crashAfterCreate();

        assertThatThrownBy(h::sync).hasMessageContaining("simulated crash");
        h.sync();

        assertThat(h.po.ids("CompanyCustomer")).hasSize(1);
        String id = h.po.ids("CompanyCustomer").get(0);
        assertThat(h.po.field("CompanyCustomer", id, "Name")).isEqualTo("Bare i Zoho AS");
        assertThat(h.po.field("CompanyCustomer", id, "PhoneNumber")).isEqualTo("777");
        assertThat(h.db().link(new RecordRef("poweroffice", "CompanyCustomer", id))).isPresent();
    }
}
