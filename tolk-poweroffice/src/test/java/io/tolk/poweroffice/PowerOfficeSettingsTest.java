package io.tolk.poweroffice;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PowerOfficeSettingsTest {

    private final PowerOfficeSettings settings = PowerOfficeSettings.of(URI.create("https://goapi.poweroffice.net/Demo/v2/"),
            URI.create("https://goapi.poweroffice.net/Demo/OAuth/Token"), "app-SECRET-1", "client-SECRET-2", "sub-SECRET-3");

    @Test
    void toStringNeverShowsAnyKey() {
        assertThat(settings.toString()).doesNotContain("SECRET").contains("applicationKey=***").contains("goapi.poweroffice.net");
        assertThat(new PowerOfficeConnector(settings.withRequestsPerSecond(0), Clock.systemUTC(), d -> { }).toString())
                .doesNotContain("SECRET");
    }

    @Test
    void defaultsReadWithTheLargestPageAndTenRequestsPerSecond() {
        assertThat(settings.pageSize()).isEqualTo(20_000);
        assertThat(settings.requestsPerSecond()).isEqualTo(10);
        assertThat(settings.apiUrl().toString()).isEqualTo("https://goapi.poweroffice.net/Demo/v2");
    }

    @Test
    void pageSizeOverTheApiMaximumIsRefused() {
        assertThatThrownBy(() -> settings.withPageSize(20_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20000");
    }

    @Test
    void missingKeysAreRefusedWithoutEchoingTheOthers() {
        assertThatThrownBy(() -> PowerOfficeSettings.of(settings.apiUrl(), settings.tokenUrl(), "app-SECRET-1", " ", "sub-SECRET-3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clientKey is required");
    }

    @Test
    void fieldRulesCarryPowerOfficesDocumentedLimits() {
        PowerOfficeConnector c = new PowerOfficeConnector(settings.withRequestsPerSecond(0), Clock.systemUTC(), d -> { });
        assertThat(c.fieldRules("CompanyCustomer").get("MailAddress.City").maxLength()).isEqualTo(100);
        assertThat(c.fieldRules("CompanyCustomer").get("MailAddress.ZipCode").maxLength()).isEqualTo(50);
        assertThat(c.fieldRules("CompanyCustomer").get("MailAddress.AddressLine1").maxLength()).isEqualTo(200);
        assertThat(c.fieldRules("CompanyCustomer").get("Name").mandatory()).isTrue();
        assertThat(c.fieldRules("PersonCustomer").get("Name").mandatory()).isFalse();
        assertThat(c.fieldRules("PersonCustomer").get("FirstName").mandatory()).isTrue();
        assertThat(c.fieldRules("PersonCustomer").get("LastName").mandatory()).isTrue();
        assertThat(c.fieldRules("Department").get("Name").mandatory()).isTrue();
        assertThat(c.fieldRules("ContactPerson").get("ContactId").mandatory()).isTrue();
        assertThat(c.fieldRules("CompanyCustomer").get("EmailAddress").dataType()).isEqualTo("email");
        assertThat(c.types()).containsExactly("CompanyCustomer", "PersonCustomer", "Department", "ContactPerson");
    }
}
