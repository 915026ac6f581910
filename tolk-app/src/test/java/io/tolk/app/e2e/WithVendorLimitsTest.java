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

    @Test
    void runningOutOfZohoCreditsStopsZohoWritesExitsOneAndARetryCarriesOnWithoutDuplicates() {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            customers.add(Map.of("Name", "Kreditt " + i + " AS", "IsPerson", false));
        }
        po.admin().loadFixtures(Map.of("customers", customers));

        Tolk.Result plan = tolk.run("plan").expectExit(0);
        assertThat(plan.out()).as("the plan estimates the credits: 30 inserts of 100 at 10 credits each, plus its reads")
                .containsPattern("Estimated Zoho credits for the next cycle: 3[0-9][0-9]\\b");

        // credits for the reads and a few inserts (Zoho charges a call after it ran, so the calls in flight finish)
        long used = zohoLimits().path("creditsUsed").asLong();
        setZohoLimits(Map.of("credits", used + 20));
        Tolk.Result stopped;
        try {
            stopped = tolk.sync();
        } finally {
            setZohoLimits(Map.of("credits", 50_000));
        }
        stopped.expectExit(1);
        assertThat(stopped.all()).as("it says why it stopped and until when").contains("waiting for Zoho credits until");
        assertThat(stopped.out()).as("the records left are listed").contains("Failed records")
                .containsPattern("poweroffice/CompanyCustomer/\\d+: .*waiting for Zoho credits until");
        int written = zoho.all("Accounts").size();
        assertThat(written).as("Accounts written before the credits ran out: some, in whole inserts, not all")
                .isPositive().isLessThan(3000).isEqualTo(written / 100 * 100);

        tolk.run("retry").expectExit(0);
        List<String> names = zoho.all("Accounts").stream().map(a -> a.path("Account_Name").asText()).toList();
        assertThat(names).as("every customer in Zoho exactly once").hasSize(3000).doesNotHaveDuplicates();
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} after the catch-up").containsExactly(0, 0);
    }

    private com.fasterxml.jackson.databind.JsonNode zohoLimits() {
        return VendorHttp.send(VendorHttp.request(zohoSim.baseUrl() + "/__sim/limits").GET()).expect(200).body();
    }

    private void setZohoLimits(Map<String, Object> limits) {
        VendorHttp.send(VendorHttp.request(zohoSim.baseUrl() + "/__sim/limits").POST(VendorHttp.json(limits))).expect(200);
    }
}
