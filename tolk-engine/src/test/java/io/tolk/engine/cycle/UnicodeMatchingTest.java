package io.tolk.engine.cycle;

import io.tolk.api.RecordRef;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 3 over a whole cycle: records spelt in different Unicode forms are one record, and different ones stay two. */
class UnicodeMatchingTest {

    private final EngineHarness h = new EngineHarness();

    @Test
    void aCustomerNamedWithACombiningRingIsLinkedToTheAccountWithThePrecomposedRingNotDuplicated() {
        h.po.put("CompanyCustomer", "1", "Name", "Bla\u030abær AS", "PhoneNumber", "22 33 44 55");
        h.zoho.put("Accounts", "500", "Account_Name", "Blåbær AS");

        CycleReport report = h.sync();

        assertThat(h.zoho.ids("Accounts")).containsExactly("500");
        assertThat(report.flows().get("F1").linked()).isEqualTo(1);
        assertThat(h.db().link(new RecordRef("zoho", "Accounts", "500")).orElseThrow().entityId())
                .isEqualTo(h.db().link(new RecordRef("poweroffice", "CompanyCustomer", "1")).orElseThrow().entityId());
        assertThat(h.engine().conflicts(10)).as("the two spellings are one value, not a conflict at linking").isEmpty();
        assertThat(h.zoho.field("Accounts", "500", "Account_Name")).as("the name is not rewritten").isEqualTo("Blåbær AS");
        assertThat(h.zoho.field("Accounts", "500", "Phone")).isEqualTo("22 33 44 55");

        h.writesCleared();
        h.sync();
        assertThat(h.writeCount()).as("nothing flips back and forth between the spellings").isZero();
    }

    @Test
    void aNameWithNoBreakAndZeroWidthSpacesMatchesThePlainSpelling() {
        h.po.put("Department", "7", "Name", "Avdeling\u00a0Nord\u200b");
        h.zoho.put("Accounts", "500", "Account_Name", "avdeling nord");

        h.sync();

        assertThat(h.zoho.ids("Accounts")).containsExactly("500");
        assertThat(h.db().link(new RecordRef("poweroffice", "Department", "7"))).isPresent();
    }

    @Test
    void aCustomerWithARingIsNotLinkedToAnAccountWithoutOneButGetsItsOwn() {
        h.po.put("CompanyCustomer", "1", "Name", "Bla\u030a AS");
        h.zoho.put("Accounts", "500", "Account_Name", "Bla AS");

        h.sync();

        assertThat(h.zoho.ids("Accounts")).hasSize(2);
        assertThat(h.db().link(new RecordRef("zoho", "Accounts", "500"))).as("left alone").isEmpty();
    }

    @Test
    void aPersonWhoseEmailIsDecomposedMatchesTheContactWithThePrecomposedEmail() {
        h.po.put("PersonCustomer", "3", "FirstName", "Pål", "LastName", "Berg", "EmailAddress", "Pa\u030al@Berg.no");
        h.zoho.put("Contacts", "700", "Last_Name", "Berg", "Email", "pål@berg.no");

        h.sync();

        assertThat(h.zoho.ids("Contacts")).containsExactly("700");
        assertThat(h.db().link(new RecordRef("poweroffice", "PersonCustomer", "3"))).isPresent();
    }
}
