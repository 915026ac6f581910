package io.tolk.engine.cycle;

import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.testing.StandardMapping;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 2: per property; one side changed flows; both changed → newer wins, same second → tieWinner; all recorded. */
class ConflictTest {

    private final EngineHarness h = new EngineHarness();
    private String account;
    private Instant t;

    @BeforeEach
    void linkedCustomer() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "100", "WebsiteUrl", "fjellvind.no",
                "MailAddress.City", "Bergen", "MailAddress.ZipCode", "5003", "MailAddress.CountryCode", "NO");
        h.sync();
        account = h.zoho.ids("Accounts").get(0);
        h.clock.advance(Duration.ofMinutes(5));
        t = h.clock.instant();
    }

    @Test
    void powerOfficeNewerWins() {
        h.zoho.editAt("Accounts", account, "Phone", "200", t);
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t.plusSeconds(3));

        h.sync();

        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("300");
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("300");
        Conflict c = h.engine().conflicts(1).get(0);
        assertThat(c).extracting(Conflict::winnerSide, Conflict::loserSide, Conflict::loserValue, Conflict::reason)
                .containsExactly("poweroffice", "zoho", "200", "newer");
    }

    @Test
    void zohoNewerWins() {
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t);
        h.zoho.editAt("Accounts", account, "Phone", "200", t.plusSeconds(2));

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("200");
        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("200");
        Conflict c = h.engine().conflicts(1).get(0);
        assertThat(c).extracting(Conflict::winnerSide, Conflict::loserValue, Conflict::reason)
                .containsExactly("zoho", "300", "newer");
    }

    @Test
    void editsWithinTheSameZohoSecondAreATieWonByPowerOffice() {
        h.zoho.editAt("Accounts", account, "Phone", "200", t.plusMillis(900));   // Zoho reports t
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t.plusMillis(400));

        h.sync();

        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("300");
        assertThat(h.engine().conflicts(1).get(0).reason()).isEqualTo("tie");
    }

    @Test
    void aTieGoesToZohoWhenItIsTheTieWinner() {
        h.options = h.options.withTieWinner("zoho");
        h.zoho.editAt("Accounts", account, "Phone", "200", t);
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t.plusMillis(400));

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("200");
        assertThat(h.engine().conflicts(1).get(0)).extracting(Conflict::winnerSide, Conflict::reason)
                .containsExactly("zoho", "tie");
    }

    @Test
    void differentPropertiesEditedOnBothSidesBothSurvive() {
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t);
        h.zoho.editAt("Accounts", account, "Website", "fjellvind.com", t.plusSeconds(10));

        h.sync();

        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("300");
        assertThat(h.po.field("CompanyCustomer", "1", "WebsiteUrl")).isEqualTo("fjellvind.com");
        assertThat(h.engine().conflicts(10)).isEmpty();
    }

    @Test
    void sameValueOnBothSidesIsNoConflictAndNoWrite() {
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t);
        h.zoho.editAt("Accounts", account, "Phone", "300", t.plusSeconds(10));
        h.writesCleared();

        CycleReport report = h.sync();

        assertThat(report.writes()).isEmpty();
        assertThat(h.engine().conflicts(10)).isEmpty();
    }

    @Test
    void powerOfficeAddressIsJudgedByTheAddresssOwnInstant() {
        // the customer record itself changed last (name), but its address changed long before the Zoho city edit
        h.po.editOwnInstant("CompanyCustomer", "1", "MailAddress.City", "Trondheim", t, "MailAddress.ZipCode", "MailAddress.CountryCode");
        h.zoho.editAt("Accounts", account, "Billing_City", "Tromsø", t.plusSeconds(30));
        h.po.editAt("CompanyCustomer", "1", "Name", "Fjellvind Nord AS", t.plusSeconds(60));

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "MailAddress.City")).isEqualTo("Tromsø");
        assertThat(h.zoho.field("Accounts", account, "Account_Name")).isEqualTo("Fjellvind Nord AS");
    }

    @Test
    void restoredLoserReachesBothSystemsAndThenStaysQuiet() {
        h.zoho.editAt("Accounts", account, "Phone", "200", t);
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t.plusSeconds(3));
        h.sync();
        Conflict c = h.engine().conflicts(1).get(0);

        Conflict restored = h.engine().restoreConflict(c.id());
        h.sync();

        assertThat(restored.restored()).isTrue();
        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("200");
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("200");
        h.writesCleared();
        assertThat(h.sync().writes()).isEmpty();
        assertThat(h.db().entity(c.entityId()).orElseThrow().forced()).isEmpty();
    }

    @Test
    void directionToZohoMakesPowerOfficeWinEvenWhenZohoIsNewer() {
        h.mapping = io.tolk.engine.testing.StandardMapping.build(new io.tolk.engine.mapping.MappingOverrides(java.util.List.of(
                io.tolk.engine.testing.TestOverrides.flow("F1", 1, null, 0, null, 0,
                        java.util.List.of(new io.tolk.engine.mapping.PropertyOverride("Phone", "toZoho", 2)), java.util.List.of()))));
        h.po.editAt("CompanyCustomer", "1", "PhoneNumber", "300", t);
        h.zoho.editAt("Accounts", account, "Phone", "200", t.plusSeconds(30));

        h.sync();

        assertThat(h.zoho.field("Accounts", account, "Phone")).isEqualTo("300");
        assertThat(h.po.field("CompanyCustomer", "1", "PhoneNumber")).isEqualTo("300");
    }
}
