package io.tolk.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tolk.store.JdbcStore;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two workers' limiters on one PostgreSQL store share PowerOffice's 10 requests/s instead of taking 10 each. */
class StoreRateSlotsTest {

    private static HikariDataSource pool(StoreUrl url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        c.setUsername(url.user());
        c.setPassword(url.password());
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    @Test
    void slotsTakenByTwoWorkersAtOnceAreOneIntervalApartInOneSequence() throws Exception {
        StoreUrl url = LocalPostgres.shared().newDatabase();
        JdbcStore.open(url, Clock.systemUTC()).close();   // the schema
        long interval = 100_000_000L;   // 10 per second
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        try (HikariDataSource a = pool(url); HikariDataSource b = pool(url)) {
            List<StoreRateSlots> workers = List.of(new StoreRateSlots(a), new StoreRateSlots(b));
            ExecutorService threads = Executors.newFixedThreadPool(6);
            for (int i = 0; i < 60; i++) {
                StoreRateSlots w = workers.get(i % 2);
                threads.submit(() -> slots.add(w.slot("po|key-hash", interval).atMicros()));
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            StoreRateSlots.Slot other = workers.get(0).slot("another-key", interval);
            assertThat(other.waitTime()).as("another key has its own budget").isZero();
        }
        List<Long> sorted = slots.stream().sorted().toList();
        assertThat(sorted).hasSize(60);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("slot " + i).isGreaterThanOrEqualTo(interval / 1000);
        }
        long inFirstSecond = sorted.stream().filter(s -> s < sorted.get(0) + 1_000_000).count();
        assertThat(inFirstSecond).as("permits in any one second, across both workers").isLessThanOrEqualTo(10);
    }
}
