package io.tolk.engine.cycle;

import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 7: a value tolk wrote never comes back as a change. */
class EchoTest {

    private final EngineHarness h = new EngineHarness();
    private String account;

    @BeforeEach
    void linkedCustomer() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "22 33 44 55", "MailAddress.City", "Bergen",
                "MailAddress.ZipCode", "5003", "MailAddress.CountryCode", "NO");
        h.sync();
        account = h.zoho.ids("Accounts").get(0);
        h.writesCleared();
    }

    @Test
    void theCycleAfterCreatingWritesNothing() {
        CycleReport report = h.sync();

        assertThat(report.writes()).isEmpty();
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void afterApplyingAPowerOfficeEditTheNextCycleWritesNothing() {
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "99 88 77 66");
        CycleReport applied = h.sync();
        assertThat(applied.writes()).hasSize(1);
        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("99 88 77 66");
        h.writesCleared();

        CycleReport next = h.sync();

        assertThat(next.writes()).isEmpty();
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void afterApplyingAZohoEditTheNextCycleWritesNothing() {
        h.zoho.edit("Accounts", account, "Billing_City", "Oslo");
        h.sync();
        assertThat(h.po.field("CompanyCustomer", "1", "MailAddress.City")).isEqualTo("Oslo");
        assertThat(h.zoho.field("Accounts", account, "Shipping_City")).as("fan-out mirrors the secondary").isEqualTo("Oslo");
        h.writesCleared();

        assertThat(h.sync().writes()).isEmpty();
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void tenIdleCyclesWriteNothing() {
        h.po.edit("CompanyCustomer", "1", "Name", "Fjellvind Holding AS");
        h.zoho.edit("Accounts", account, "Phone", "11 11 11 11");
        h.sync();
        h.writesCleared();

        for (int i = 0; i < 10; i++) {
            assertThat(h.sync().writes()).as("cycle %d", i + 1).isEmpty();
        }
        assertThat(h.writeCount()).isZero();
    }

    @Test
    void aSystemsOwnFormOfAWrittenValueIsNotTakenAsAnEdit() {
        h.zoho.answersModifiedAt(false);   // a system that normalises says nothing of its write: its next read tells
        h.zoho.normaliseWith((field, value) -> field.equals("Phone") ? value.replace(" ", "") : value);
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "44 44 44 44");
        h.sync();
        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("44444444");
        h.writesCleared();

        for (int i = 0; i < 5; i++) {
            assertThat(h.sync().writes()).as("cycle %d", i + 1).isEmpty();
        }
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("44 44 44 44");
    }

    @Test
    void aLaggingPowerOfficeReplicaIsNotTakenAsAUserEdit() {
        h.zoho.edit("Accounts", account, "Phone", "55 55 55 55");
        h.sync();
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("55 55 55 55");
        h.writesCleared();
        h.po.staleReads(true);

        CycleReport stale = h.sync();

        assertThat(stale.writes()).as("the old phone read from the replica is not written back").isEmpty();
        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("55 55 55 55");
        h.po.staleReads(false);
        assertThat(h.sync().writes()).isEmpty();
    }

    @Test
    void echoHoldsWithCountriesWrittenAsEnglishNames() {
        h.options = h.options.withCountryFormat("zoho", io.tolk.engine.values.CountryFormat.ENGLISH_NAME);
        h.po.edit("CompanyCustomer", "1", "MailAddress.CountryCode", "SE");
        h.sync();
        assertThat(h.zoho.field("Accounts", account, "Billing_Country")).isEqualTo("Sweden");
        h.writesCleared();

        assertThat(h.sync().writes()).isEmpty();
        assertThat(h.sync().writes()).isEmpty();
    }
}
