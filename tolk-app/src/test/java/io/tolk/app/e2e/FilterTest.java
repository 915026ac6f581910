package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flows.F1.filter}: which company customers take part. One that does not pass is not created in Zoho; a linked
 * one that stops passing is no longer synced, in either direction.
 */
class FilterTest extends E2eBase {

    @BeforeEach
    void onlyNorwegianKroner() {
        writeConfig("flows:\n  F1:\n    filter: \"CurrencyCode == 'NOK'\"\n");
    }

    private long company(String name, String currency) {
        Map<String, Object> dto = new HashMap<>(Map.of("Name", name, "IsPerson", false, "PhoneNumber", "22334455",
                "CurrencyCode", currency, "WebsiteUrl", "https://" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example.no",
                "MailAddress", Map.of("AddressLine1", "Storgata 1", "City", "Oslo", "ZipCode", "0150", "CountryCode", "NO")));
        return po.createCustomer(dto);
    }

    @Test
    void companyNotPassingTheFilterIsNotCreatedInZoho() {
        company("Fjellvind AS", "NOK");
        long swedish = company("Svensk Handel AB", "SEK");
        departmentInPowerOffice("20", "Avdeling Vest"); // F2 has no filter
        assertThat(po.customer(swedish).path("CurrencyCode").asText()).as("the simulator keeps the currency").isEqualTo("SEK");

        tolk.syncOk();
        tolk.syncOk();

        assertThat(zoho.all("Accounts")).extracting(a -> a.path("Account_Name").asText())
                .containsExactlyInAnyOrder("Fjellvind AS", "Avdeling Vest");
        assertThat(zoho.admin().requests("Accounts.insert")).as("Account create calls").isEqualTo(1);
    }

    @Test
    void linkedCompanyThatStopsPassingTheFilterNoLongerSyncsEitherWay() {
        long company = company("Fjellvind AS", "NOK");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        po.patchCustomer(company, "/PhoneNumber", "73001122");
        tolk.syncOk();
        assertThat(zoho.get("Accounts", account).path("Phone").asText()).as("synced while it passes").isEqualTo("73001122");

        po.patchCustomer(company, "/CurrencyCode", "SEK");
        tolk.syncOk(); // whatever this cycle makes of the change itself, from now on the pair is out of the flow
        JsonNode accountBefore = zoho.get("Accounts", account);
        JsonNode customerBefore = po.customer(company);

        po.patchCustomer(company, "/PhoneNumber", "55001100");
        zoho.update("Accounts", account, Map.of("Website", "https://crm-edit.example.no"));
        resetCounters();
        Tolk.Result first = tolk.syncOk();
        Tolk.Result second = tolk.syncOk();

        assertThat(zoho.get("Accounts", account).path("Phone").asText()).as("the PowerOffice edit does not reach Zoho")
                .isEqualTo(accountBefore.path("Phone").asText());
        assertThat(po.customer(company).path("WebsiteUrl").asText()).as("the Zoho edit does not reach PowerOffice")
                .isEqualTo(customerBefore.path("WebsiteUrl").asText());
        assertThat(zoho.all("Accounts")).as("not re-created either").hasSize(1);
        assertThat(writes()).as("write calls {PowerOffice, Zoho}; tolk said:\n" + first.all() + "\n" + second.all())
                .containsExactly(0, 0);
    }
}
