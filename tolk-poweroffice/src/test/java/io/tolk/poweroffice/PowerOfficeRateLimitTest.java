package io.tolk.poweroffice;

import io.tolk.api.http.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a simulator that enforces 10 requests/s per subscription key (real time, so a few seconds each). */
class PowerOfficeRateLimitTest {

    private final SimulatorHarness harness = new SimulatorHarness(true);

    @AfterEach
    void stop() {
        harness.close();
    }

    private List<String> ids(int n) {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            customers.add(Map.of("Name", "Firma " + i, "IsPerson", false));
        }
        return harness.fixtures(Map.of("customers", customers)).get("customers").stream().map(String::valueOf).toList();
    }

    @Test
    void twoConnectorsOnOneSubscriptionKeyShareTheTenPerSecondLimitAndAreNeverThrottled() throws Exception {
        List<String> ids = ids(12);
        PowerOfficeSettings limited = harness.settings().withRequestsPerSecond(10);
        PowerOfficeConnector a = new PowerOfficeConnector(limited, Clock.systemUTC(), Sleeper.SYSTEM, new Random(1));
        PowerOfficeConnector b = new PowerOfficeConnector(limited, Clock.systemUTC(), Sleeper.SYSTEM, new Random(2));

        Thread other = new Thread(() -> b.reader("CompanyCustomer").readByIds(ids, Set.of()));
        other.start();
        a.reader("CompanyCustomer").readByIds(ids, Set.of());
        other.join();

        assertThat(a.usage().throttled() + b.usage().throttled()).isZero();
        assertThat(harness.sim.counters().throttledCount()).isZero();
        assertThat(harness.sim.counters().requests("customers.get")).isEqualTo(24);
    }

    @Test
    void withoutTheLimiterTheSameWorkIsThrottledAndRetried() {
        List<String> ids = ids(30);
        Sleeper upTo200ms = d -> Sleeper.SYSTEM.sleep(d.toMillis() > 200 ? java.time.Duration.ofMillis(200) : d);
        PowerOfficeConnector unlimited = new PowerOfficeConnector(harness.settings().withRequestsPerSecond(0),
                Clock.systemUTC(), upTo200ms, new Random(3));

        assertThat(unlimited.reader("CompanyCustomer").readByIds(ids, Set.of())).hasSize(30);

        assertThat(harness.sim.counters().throttledCount()).as("the simulator enforces the limit").isPositive();
        assertThat(unlimited.usage().throttled()).isPositive();
    }
}
