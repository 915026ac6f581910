package io.tolk.engine.cycle;

import io.tolk.api.FieldRule;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.Failure;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 6 and per-record isolation: bad values fail their record only, are retried with backoff, clear when fixed. */
class ValuesAndFailuresTest {

    private final EngineHarness h = new EngineHarness();

    private String linkedCustomer() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "MailAddress.City", "Bergen", "MailAddress.ZipCode", "5003",
                "MailAddress.CountryCode", "NO");
        h.sync();
        h.writesCleared();
        return h.zoho.ids("Accounts").get(0);
    }

    @Test
    void aCountryNameTypedInZohoReachesPowerOfficeAsItsCode() {
        String account = linkedCustomer();
        h.zoho.edit("Accounts", account, "Billing_Country", "Sverige");

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "MailAddress.CountryCode")).isEqualTo("SE");
        h.writesCleared();
        assertThat(h.sync().writes()).isEmpty();
    }

    @Test
    void anUnknownCountryIsARecordFailureNothingIsSentAndTheRunGoesOn() {
        String account = linkedCustomer();
        h.zoho.edit("Accounts", account, "Billing_Country", "Narnia");
        h.zoho.edit("Accounts", account, "Phone", "123");
        h.po.put("CompanyCustomer", "2", "Name", "Annen AS");

        CycleReport report = h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "MailAddress.CountryCode")).isEqualTo("NO");
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).as("nothing of the record is sent").isNull();
        assertThat(h.zoho.ids("Accounts")).as("the other record is created").hasSize(2);
        assertThat(report.hasFailures()).isTrue();
        Failure f = h.engine().failures().get(0);
        assertThat(f.record()).isEqualTo(new RecordRef("zoho", "Accounts", account));
        assertThat(f.target()).isEqualTo("poweroffice");
        assertThat(f.reason()).contains("Billing_Country").contains("Narnia");

        h.zoho.edit("Accounts", account, "Billing_Country", "Norway");
        h.sync();
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("123");
        assertThat(h.engine().failures()).as("cleared once the source is fixed").isEmpty();
    }

    @Test
    void aValueLongerThanTheTargetFieldAllowsIsARecordFailureWithAClearMessage() {
        h.zoho.rules("Accounts", new FieldRule("Account_Name", 10, true, "text"));
        h.po.put("CompanyCustomer", "1", "Name", "Et altfor langt firmanavn AS");
        h.po.put("CompanyCustomer", "2", "Name", "Kort AS");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Accounts")).hasSize(1);
        assertThat(report.changes(ChangeKind.FAILURE)).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("Account_Name").contains("at most 10"));
        assertThat(report.outcome().code()).isEqualTo("failures");
    }

    @Test
    void unreadableZohoFieldRulesAreAWarningAndTheMandatoryFieldsAreStillChecked() {
        h.zoho.failRules(true);
        h.po.put("PersonCustomer", "1", "FirstName", "Kari", "EmailAddress", "kari@fjord.no");
        h.po.put("PersonCustomer", "2", "FirstName", "Ola", "LastName", "Nordmann", "EmailAddress", "ola@fjord.no");

        CycleReport report = h.sync();

        assertThat(report.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("zoho:")
                .contains("field rules of Contacts could not be read", "503", "only the mandatory Last_Name"));
        assertThat(h.zoho.ids("Contacts")).as("Ola is created; Kari has no last name").hasSize(1);
        assertThat(report.changes(ChangeKind.FAILURE)).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("Last_Name is mandatory"));
    }

    @Test
    void aRefusedWriteIsRetriedWithBackoffAndClearedWhenItSucceeds() {
        String account = linkedCustomer();
        h.zoho.reject("Phone", "Phone is not a valid phone number");
        h.po.edit("CompanyCustomer", "1", "PhoneNumber", "abc");

        h.sync();
        Failure first = h.engine().failures().get(0);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.reason()).contains("zoho UPDATE " + account).contains("Phone");
        assertThat(first.nextRetryAt()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(1)));

        h.sync();   // one minute later: due
        assertThat(h.engine().failures().get(0).attempts()).isEqualTo(2);
        h.zoho.clearWrites();
        h.sync();   // one minute later: next retry is two minutes after the second attempt
        assertThat(h.engine().failures().get(0).attempts()).isEqualTo(2);

        h.zoho.accept("Phone");
        h.sync();
        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("abc");
        assertThat(h.engine().failures()).isEmpty();
    }

    @Test
    void retryMakesAFailureDueAtOnce() {
        h.zoho.reject("Account_Name", "duplicate");
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS");
        h.sync();
        h.zoho.accept("Account_Name");
        h.engine().runCycle();
        assertThat(h.zoho.ids("Accounts")).as("not due yet: no retry").isEmpty();

        int n = h.engine().retry(List.of(h.engine().failures().get(0).id()));
        h.engine().runCycle();

        assertThat(n).isEqualTo(1);
        assertThat(h.zoho.ids("Accounts")).hasSize(1);
        assertThat(h.engine().failures()).isEmpty();
    }
}
