package io.tolk.engine.cycle;

import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.testing.StandardMapping;
import io.tolk.engine.mapping.FlowOverride;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.engine.mapping.PropertyOverride;
import io.tolk.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 1: within one record first (fan-in), then fan-out to both Zoho fields. */
class FanInTest {

    private final EngineHarness h = new EngineHarness();
    private String account;

    @BeforeEach
    void linkedCustomer() {
        h.po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "MailAddress.City", "Bergen", "MailAddress.ZipCode", "5003",
                "MailAddress.CountryCode", "NO");
        h.sync();
        account = h.zoho.ids("Accounts").get(0);
        h.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void theSecondaryFieldThatChangedWinsAndIsMirroredToThePrimary() {
        h.zoho.edit("Accounts", account, "Shipping_City", "Oslo");

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "MailAddress.City")).isEqualTo("Oslo");
        assertThat(h.zoho.field("Accounts", account, "Billing_City")).isEqualTo("Oslo");
    }

    @Test
    void whenBothFieldsChangedThePrimaryWins() {
        h.zoho.edit("Accounts", account, "Billing_City", "Oslo");
        h.zoho.edit("Accounts", account, "Shipping_City", "Tromsø");

        h.sync();

        assertThat(h.po.field("CompanyCustomer", "1", "MailAddress.City")).isEqualTo("Oslo");
        assertThat(h.zoho.field("Accounts", account, "Shipping_City")).isEqualTo("Oslo");
    }

    @Test
    void onFirstSightThePrimaryWins() {
        h.po.put("PersonCustomer", "5", "FirstName", "Ola", "LastName", "Nordmann", "EmailAddress", "ola@example.no");
        h.zoho.put("Contacts", "800", "Last_Name", "Nordmann", "Email", "ola@example.no", "Phone", "111", "Other_Phone", "222");

        h.sync();

        assertThat(h.po.field("PersonCustomer", "5", "PhoneNumber")).isEqualTo("111");
        assertThat(h.zoho.field("Contacts", "800", "Other_Phone")).isEqualTo("111");
    }

    @Test
    void aCreateOnlySecondaryFieldIsNeitherReadNorOverwritten() {
        h.mapping = StandardMapping.build(new MappingOverrides(List.of(TestOverrides.flow("F1", 1, null, 0, null, 0,
                List.of(new PropertyOverride("Shipping_City", "createOnly", 2)), List.of()))));
        h.zoho.edit("Accounts", account, "Shipping_City", "Lager i Oslo");
        h.sync();
        assertThat(h.po.field("CompanyCustomer", "1", "MailAddress.City")).isEqualTo("Bergen");

        h.po.edit("CompanyCustomer", "1", "MailAddress.City", "Stavanger");
        h.sync();

        assertThat(h.zoho.field("Accounts", account, "Billing_City")).isEqualTo("Stavanger");
        assertThat(h.zoho.field("Accounts", account, "Shipping_City")).isEqualTo("Lager i Oslo");
    }
}
