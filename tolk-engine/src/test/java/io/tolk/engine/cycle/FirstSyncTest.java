package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** First sync: creation PowerOffice → Zoho, and rule 3 (matching before creating). */
class FirstSyncTest {

    private final EngineHarness h = new EngineHarness();

    @Test
    void companyCustomerBecomesAnAccountWithBothAddressFieldsSetAndIsLinked() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "22 33 44 55", "WebsiteUrl", "fjellvind.no",
                "MailAddress.City", "Bergen", "MailAddress.ZipCode", "5003", "MailAddress.CountryCode", "NO", "IsArchived", "false");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Accounts")).hasSize(1);
        String id = h.zoho.ids("Accounts").get(0);
        assertThat(h.zoho.fields("Accounts", id)).containsEntry("Account_Name", "Fjellvind AS")
                .containsEntry("Phone", "22 33 44 55").containsEntry("Website", "fjellvind.no")
                .containsEntry("Billing_City", "Bergen").containsEntry("Shipping_City", "Bergen")
                .containsEntry("Billing_Code", "5003").containsEntry("Shipping_Code", "5003")
                .containsEntry("Billing_Country", "NO").containsEntry("Shipping_Country", "NO");
        assertThat(report.flows().get("F1").created()).isEqualTo(1);
        assertThat(h.db().link(new RecordRef("zoho", "Accounts", id))).isPresent();
        assertThat(h.db().link(new RecordRef("poweroffice", "CompanyCustomer", "1"))).isPresent();
    }

    @Test
    void departmentBecomesAnAccountWithItsName() {
        h.po.put("Department", "7", "Name", "Avdeling Nord", "Code", "10", "IsActive", "true");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Accounts")).hasSize(1);
        assertThat(h.zoho.fields("Accounts", h.zoho.ids("Accounts").get(0))).containsOnly(
                org.assertj.core.api.Assertions.entry("Account_Name", "Avdeling Nord"));
        assertThat(report.flows().get("F2").created()).isEqualTo(1);
    }

    @Test
    void personCustomerBecomesAContactWithMirroredEmailAndPhone() {
        h.po.put("PersonCustomer", "3", "FirstName", "Kari", "LastName", "Nordmann", "EmailAddress", "kari@example.no",
                "PhoneNumber", "900 00 000", "MailAddress.City", "Oslo", "MailAddress.ZipCode", "0150", "MailAddress.CountryCode", "NO");

        h.sync();

        String id = h.zoho.ids("Contacts").get(0);
        assertThat(h.zoho.fields("Contacts", id)).containsEntry("First_Name", "Kari").containsEntry("Last_Name", "Nordmann")
                .containsEntry("Email", "kari@example.no").containsEntry("Secondary_Email", "kari@example.no")
                .containsEntry("Phone", "900 00 000").containsEntry("Other_Phone", "900 00 000")
                .containsEntry("Mailing_City", "Oslo").containsEntry("Other_City", "Oslo")
                .containsEntry("Mailing_Zip", "0150").containsEntry("Mailing_Country", "NO");
    }

    @Test
    void archivedCustomerIsNotCreatedInZoho() {
        h.po.put("CompanyCustomer", "1", "Name", "Gammel AS", "IsArchived", "true");

        h.sync();

        assertThat(h.zoho.ids("Accounts")).isEmpty();
    }

    @Test
    void unlinkedZohoAccountIsNotCreatedInPowerOfficeByDefault() {
        h.zoho.put("Accounts", "500", "Account_Name", "Bare i Zoho AS");

        h.sync();

        assertThat(h.po.ids("CompanyCustomer")).isEmpty();
        assertThat(h.po.ids("Department")).isEmpty();
    }

    @Test
    void customerMatchesAccountOnNormalisedNameAndIsLinkedNotCreated() {
        h.po.put("CompanyCustomer", "1", "Name", "  Fjellvind   AS ");
        h.zoho.put("Accounts", "500", "Account_Name", "fjellvind as");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Accounts")).containsExactly("500");
        assertThat(report.flows().get("F1").linked()).isEqualTo(1);
        assertThat(report.changes(ChangeKind.LINK)).singleElement()
                .satisfies(c -> assertThat(c.source()).isEqualTo(new RecordRef("poweroffice", "CompanyCustomer", "1")));
        assertThat(h.db().link(new RecordRef("zoho", "Accounts", "500")).orElseThrow().entityId())
                .isEqualTo(h.db().link(new RecordRef("poweroffice", "CompanyCustomer", "1")).orElseThrow().entityId());
    }

    @Test
    void personMatchesContactOnSecondaryEmailCaseInsensitively() {
        h.po.put("PersonCustomer", "3", "FirstName", "Kari", "LastName", "Nordmann", "EmailAddress", "Kari@Example.no");
        h.zoho.put("Contacts", "700", "Last_Name", "Nordmann", "Email", "kari.work@firma.no", "Secondary_Email", "kari@example.no");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Contacts")).containsExactly("700");
        assertThat(report.flows().get("F3").linked()).isEqualTo(1);
    }

    @Test
    void emptyNamesNeverMatch() {
        h.po.put("PersonCustomer", "3", "FirstName", "Kari", "LastName", "Nordmann");
        h.zoho.put("Contacts", "700", "Last_Name", "Nordmann");

        h.sync();

        assertThat(h.zoho.ids("Contacts")).hasSize(2);
    }

    @Test
    void accountMatchingBothACustomerAndADepartmentWaitsForReviewAndNothingIsLinkedOrCreated() {
        h.po.put("CompanyCustomer", "1", "Name", "Nordlys");
        h.po.put("Department", "2", "Name", "nordlys");
        h.zoho.put("Accounts", "500", "Account_Name", "Nordlys");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Accounts")).containsExactly("500");
        assertThat(h.db().links(null, Integer.MAX_VALUE)).isEmpty();
        assertThat(h.engine().reviewQueue()).extracting(r -> r.record().toString())
                .contains("zoho/Accounts/500", "poweroffice/CompanyCustomer/1", "poweroffice/Department/2");
        assertThat(report.changes(ChangeKind.REVIEW)).isNotEmpty();

        h.sync();
        assertThat(h.zoho.ids("Accounts")).as("still neither linked nor created").containsExactly("500");
    }

    @Test
    void reviewIsDecidedWithLinkAndTheRecordsSyncFromThen() {
        h.po.put("CompanyCustomer", "1", "Name", "Nordlys", "PhoneNumber", "123");
        h.po.put("Department", "2", "Name", "Nordlys");
        h.zoho.put("Accounts", "500", "Account_Name", "Nordlys");
        h.sync();

        h.engine().link(new RecordRef("poweroffice", "CompanyCustomer", "1"), new RecordRef("zoho", "Accounts", "500"));
        h.sync();

        assertThat(h.zoho.field("Accounts", "500", "Phone")).isEqualTo("123");
        assertThat(h.engine().reviewQueue()).extracting(r -> r.record().toString())
                .doesNotContain("zoho/Accounts/500", "poweroffice/CompanyCustomer/1");
        assertThat(h.zoho.ids("Accounts")).as("the department, no longer ambiguous, gets its own Account").hasSize(2);
    }

    @Test
    void onLinkingEmptyNeverOverwritesNonEmptyInEitherDirection() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "22 33 44 55");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS", "Website", "fjellvind.no");

        h.sync();

        assertThat(h.zoho.field("Accounts", "500", "Phone")).isEqualTo("22 33 44 55");
        assertThat(h.po.field("CompanyCustomer", "1", "WebsiteUrl")).isEqualTo("fjellvind.no");
        assertThat(h.engine().conflicts(10)).isEmpty();
    }

    @Test
    void onLinkingADisagreementGoesToTieWinnerPowerOfficeAndIsRecorded() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "111");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS", "Phone", "222");

        h.sync();

        assertThat(h.zoho.field("Accounts", "500", "Phone")).isEqualTo("111");
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("111");
        Conflict c = h.engine().conflicts(10).get(0);
        assertThat(c.property()).isEqualTo("organization.phone");
        assertThat(c.winnerSide()).isEqualTo("poweroffice");
        assertThat(c.loserSide()).isEqualTo("zoho");
        assertThat(c.loserValue()).isEqualTo("222");
        assertThat(c.reason()).isEqualTo("link");
    }

    @Test
    void onLinkingADisagreementGoesToTieWinnerZohoWhenConfigured() {
        h.options = h.options.withTieWinner("zoho");
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "111");
        h.zoho.put("Accounts", "500", "Account_Name", "Fjellvind AS", "Phone", "222");

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("222");
        assertThat(h.engine().conflicts(10).get(0).loserValue()).isEqualTo("111");
    }

    @Test
    void aLaterDayMatchesTooBeforeCreating() {
        h.sync();
        h.zoho.put("Accounts", "500", "Account_Name", "Ny Kunde AS");
        h.sync();
        h.po.put("CompanyCustomer", "1", "Name", "Ny kunde AS");

        h.sync();

        assertThat(h.zoho.ids("Accounts")).containsExactly("500");
    }
}
