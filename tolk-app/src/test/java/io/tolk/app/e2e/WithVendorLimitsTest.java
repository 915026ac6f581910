package io.tolk.app.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same sync with the vendors' real limits switched on in the simulators (PowerOffice: 10 requests a second). */
class WithVendorLimitsTest extends E2eBase {

    @Override
    protected boolean limits() {
        return true;
    }

    @Test
    void everyCustomerReachesZohoOnceAndEditsFlowBackUnderTheRateLimit() {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            customers.add(Map.of("Name", "Bedrift " + i + " AS", "IsPerson", false, "PhoneNumber", "2233" + (4400 + i)));
        }
        po.admin().loadFixtures(Map.of("customers", customers));

        tolk.syncOk();

        assertThat(zoho.all("Accounts")).hasSize(25);
        // every Account edited in Zoho: 25 PowerOffice updates in one cycle, more than its 10 requests a second
        for (com.fasterxml.jackson.databind.JsonNode a : zoho.all("Accounts")) {
            String n = a.path("Account_Name").asText().replaceAll("\\D", "");
            zoho.update("Accounts", a.get("id").asText(), Map.of("Phone", "5500" + (1000 + Integer.parseInt(n))));
        }
        tolk.syncOk();
        assertThat(po.customers()).hasSize(25).allSatisfy(c -> assertThat(c.path("PhoneNumber").asText())
                .isEqualTo("5500" + (1000 + Integer.parseInt(c.path("Name").asText().replaceAll("\\D", "")))));
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the idle cycle").containsExactly(0, 0);
    }
}
