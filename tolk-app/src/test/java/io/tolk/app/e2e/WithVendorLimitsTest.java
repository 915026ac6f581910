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
        String account = onlyZoho("Accounts", "Account_Name", "Bedrift 7 AS").get("id").asText();
        for (int i = 0; i < 12; i++) {
            zoho.update("Accounts", account, Map.of("Phone", "5500" + (1000 + i)));
        }
        tolk.syncOk();
        assertThat(po.customers()).filteredOn(c -> c.path("Name").asText().equals("Bedrift 7 AS"))
                .singleElement().satisfies(c -> assertThat(c.path("PhoneNumber").asText()).isEqualTo("55001011"));
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the idle cycle").containsExactly(0, 0);
    }
}
