package io.tolk.zoho;

import io.tolk.api.ApiUsage;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZohoLimitsTest {

    private ZohoSim sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aSpentCreditBudgetStopsTheNextCallWithAClearError() {
        sim = ZohoSim.start();
        ZohoConnector c = sim.connector(sim.settings().withLimits(3, 5));
        for (int i = 0; i < 3; i++) {
            c.reader("Accounts").readByIds(List.of("1"), Set.of("Account_Name"));
        }

        assertThatThrownBy(() -> c.reader("Accounts").readByIds(List.of("1"), Set.of("Account_Name")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).as("credits spent: the work waits").isEqualTo(ErrorKind.QUOTA);
                    assertThat(e.getMessage()).contains("zoho: read Accounts by id").contains("credit budget exhausted")
                            .contains("3 of 3 credits");
                });
        assertThat(sim.requests("Accounts.list")).isEqualTo(3);
    }

    @Test
    void whenZohoReportsTheOrgsCreditsExhaustedTheConnectorStopsWithAClearError() {
        sim = ZohoSim.withLimits();
        sim.sim.setCreditsPerDay(4);
        ZohoConnector c = sim.connector();

        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                c.reader("Accounts").readByIds(List.of("1"), Set.of("Account_Name"));
            }
        }).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).as("credits spent: the work waits").isEqualTo(ErrorKind.QUOTA);
            assertThat(e.getMessage()).containsAnyOf("Zoho reports 0 API credits left", "API credits are exhausted");
        });
        assertThat(c.usage().creditsRemaining()).isZero();
        assertThat(sim.requests("Accounts.list")).isEqualTo(4);
    }

    @Test
    void usageCountsCallsAndCreditsWithOneCreditPerTenRecordsWritten() {
        sim = ZohoSim.start();
        ZohoConnector c = sim.connector();
        c.fieldRules("Accounts"); // 1 credit, and the writer needs no further metadata call
        List<CreateRequest> batch = IntStream.range(0, 25)
                .mapToObj(i -> new CreateRequest("k" + i, Map.of("Account_Name", "Firma " + i))).toList();

        c.writer("Accounts").create(batch); // 3 credits
        c.reader("Accounts").readAll(Set.of("Account_Name"), p -> { }); // 1 credit

        ApiUsage u = c.usage();
        assertThat(u.system()).isEqualTo("zoho");
        assertThat(u.creditsUsed()).isEqualTo(5);
        assertThat(u.calls()).isEqualTo(4); // token + metadata + create + read
        assertThat(u.retries()).isZero();
    }

    @Test
    void theConcurrencyLimitKeepsParallelCallsWithinTheEditionsLimit() throws Exception {
        sim = ZohoSim.withLimits();
        sim.sim.setConcurrencyLimit(2);
        ZohoConnector c = sim.connector(sim.settings().withLimits(10_000, 2));
        c.checkAccess();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> c.reader("Accounts").readByIds(List.of("1"), Set.of("Account_Name"))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(c.usage().throttled()).isZero();
        assertThat(sim.sim.counters().throttledCount()).isZero();
    }

    @Test
    void throttlingIsRetriedWithTheBackoffOfTheRetryPolicy() {
        sim = ZohoSim.start();
        ZohoConnector c = sim.connector();
        c.checkAccess();
        sim.sim.setFaults(io.tolk.sim.common.Faults.parse("throttle=0.6,seed=7"));

        for (int i = 0; i < 5; i++) {
            c.reader("Accounts").readByIds(List.of("1"), Set.of("Account_Name"));
        }

        assertThat(c.usage().throttled()).isPositive();
        assertThat(sim.sleeps).hasSize((int) c.usage().retries()).allSatisfy(d -> assertThat(d).isPositive());
    }
}
