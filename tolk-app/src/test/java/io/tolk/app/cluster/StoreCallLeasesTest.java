package io.tolk.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tolk.store.JdbcStore;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An org's concurrency, kept as leases in the PostgreSQL store, holds across workers and frees a dead one's share. */
class StoreCallLeasesTest {

    private static final Duration TTL = Duration.ofSeconds(1);

    private StoreUrl url;

    @BeforeEach
    void newDatabase() {
        url = LocalPostgres.shared().newDatabase();
        JdbcStore.open(url, Clock.systemUTC()).close();   // the schema
    }

    private HikariDataSource pool() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        c.setUsername(url.user());
        c.setPassword(url.password());
        c.setMaximumPoolSize(5);
        return new HikariDataSource(c);
    }

    @Test
    void twoWorkersNeverHaveMoreCallsInFlightTogetherThanTheOrgAllows() throws Exception {
        int max = 3;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (HikariDataSource a = pool(); HikariDataSource b = pool();
             StoreCallLeases first = new StoreCallLeases(a, TTL); StoreCallLeases second = new StoreCallLeases(b, TTL)) {
            List<StoreCallLeases> workers = List.of(first, second);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                StoreCallLeases leases = workers.get(t % 2);
                String caller = "caller-" + t;
                calls.add(threads.submit(() -> {
                    int made = 0;
                    for (int i = 0; i < 6; i++) {
                        String ticket = caller + "-" + i;
                        Optional<String> lease;
                        while ((lease = leases.tryTake("org", ticket, max)).isEmpty()) {
                            Thread.sleep(5);
                        }
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.sleep(10);   // the call
                        inFlight.decrementAndGet();
                        leases.release("org", lease.get());
                        made++;
                    }
                    return made;
                }));
            }
            int made = 0;
            for (Future<Integer> f : calls) {
                made += f.get();
            }
            threads.shutdown();
            assertThat(made).isEqualTo(48);
            assertThat(peak.get()).as("calls in flight at once across both workers").isLessThanOrEqualTo(max);
            assertThat(peak.get()).as("the limit is used, not only respected").isGreaterThan(1);
        }
    }

    @Test
    void theLeasesOfAKilledWorkerLapseByThemselvesWhileALiveWorkersAreRenewed() throws Exception {
        try (HikariDataSource a = pool(); HikariDataSource b = pool(); HikariDataSource c = pool();
             StoreCallLeases killed = new StoreCallLeases(a, TTL); StoreCallLeases alive = new StoreCallLeases(b, TTL);
             StoreCallLeases other = new StoreCallLeases(c, TTL)) {
            assertThat(killed.tryTake("org", "k1", 2)).isPresent();
            assertThat(alive.tryTake("org", "a1", 2)).isPresent();
            killed.close();   // stops renewing, releases nothing: what the store sees of a SIGKILL
            assertThat(other.tryTake("org", "o1", 2)).as("both leases held").isEmpty();

            long start = System.nanoTime();
            Optional<String> taken;
            while ((taken = other.tryTake("org", "o1", 2)).isEmpty()) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the killed worker's lease lapses")
                        .isLessThan(TTL.multipliedBy(3));
                Thread.sleep(20);
            }
            Thread.sleep(TTL.multipliedBy(2).toMillis());
            assertThat(other.tryTake("org", "o2", 2)).as("the live worker's lease, renewed, still counts").isEmpty();
            assertThat(alive.held()).isEqualTo(1);
        }
    }

    @Test
    void waitingCallersAreServedInTheOrderTheyAskedWhicheverWorkerAsksFirstAfterARelease() {
        try (HikariDataSource a = pool(); HikariDataSource b = pool();
             StoreCallLeases first = new StoreCallLeases(a, TTL); StoreCallLeases second = new StoreCallLeases(b, TTL)) {
            String holding = first.tryTake("org", "holder", 1).orElseThrow();
            assertThat(first.tryTake("org", "asked-first", 1)).isEmpty();
            assertThat(second.tryTake("org", "asked-second", 1)).isEmpty();
            first.release("org", holding);

            assertThat(second.tryTake("org", "asked-second", 1)).as("one asked before it and still waits").isEmpty();
            String next = first.tryTake("org", "asked-first", 1).orElseThrow();
            first.release("org", next);
            assertThat(second.tryTake("org", "asked-second", 1)).isPresent();
        }
    }

    @Test
    void aCallerThatLeavesTheLineNoLongerHoldsUpThoseBehindIt() {
        try (HikariDataSource a = pool(); StoreCallLeases leases = new StoreCallLeases(a, TTL)) {
            String holding = leases.tryTake("org", "holder", 1).orElseThrow();
            assertThat(leases.tryTake("org", "gives-up", 1)).isEmpty();
            assertThat(leases.tryTake("org", "patient", 1)).isEmpty();
            leases.leave("org", "gives-up");
            leases.release("org", holding);
            assertThat(leases.tryTake("org", "patient", 1)).isPresent();
        }
    }
}
