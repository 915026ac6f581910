package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendors' quirks the checklist is known to trip over. */
class QuirksTest extends E2eBase {

    private long company;
    private String account;

    @BeforeEach
    void linkedCompany() {
        company = companyInPowerOffice("Fjellvind AS");
        tolk.syncOk();
        account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
    }

    @Test
    void powerOfficeAddressOnlyEditReachesZoho() {
        // only the address changes: PowerOffice stamps the address's own LastChangedDateTimeOffset
        po.patchCustomer(company, "/MailAddress/ZipCode", "7010");
        po.patchCustomer(company, "/MailAddress/City", "Trondheim");

        tolk.syncOk();

        JsonNode acc = zoho.get("Accounts", account);
        assertThat(acc.path("Billing_City").asText()).isEqualTo("Trondheim");
        assertThat(acc.path("Shipping_City").asText()).isEqualTo("Trondheim");
        assertThat(acc.path("Billing_Code").asText()).isEqualTo("7010");
        assertThat(acc.path("Shipping_Code").asText()).isEqualTo("7010");
    }

    @Test
    void zohoShippingCityAloneReachesPowerOfficeAndBillingCity() {
        zoho.update("Accounts", account, Map.of("Shipping_City", "Tromsø"));

        tolk.syncOk();

        assertThat(po.customer(company).path("MailAddress").path("City").asText()).isEqualTo("Tromsø");
        assertThat(zoho.get("Accounts", account).path("Billing_City").asText()).isEqualTo("Tromsø");
    }

    @Test
    void zohoBillingCountryNorgeReachesPowerOfficeAsNO() {
        zoho.update("Accounts", account, Map.of("Billing_Country", "SE", "Shipping_Country", "SE"));
        tolk.syncOk();
        assertThat(po.customer(company).path("MailAddress").path("CountryCode").asText()).isEqualTo("SE");

        zoho.update("Accounts", account, Map.of("Billing_Country", "Norge"));
        tolk.syncOk();

        assertThat(po.customer(company).path("MailAddress").path("CountryCode").asText()).isEqualTo("NO");
    }
}
