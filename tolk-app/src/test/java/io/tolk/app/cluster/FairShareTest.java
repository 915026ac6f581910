package io.tolk.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tolk.api.http.ConcurrencyLimiter;
import io.tolk.api.http.RateLimiter;
import io.tolk.api.http.Sleeper;
import io.tolk.store.JdbcStore;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One big connection with 4 lanes of calls and three small ones with one each, on one shared budget in the store:
 * every connection that asks gets its turn after at most one turn of each other connection (round robin), so the big
 * one cannot starve the small ones.
 */
class FairShareTest {

    private static final List<String> CONNECTIONS = List.of("big", "small-1", "small-2", "small-3");

    private StoreUrl url;
    private HikariDataSource pool;

    @BeforeEach
    void store() {
        url = LocalPostgres.shared().newDatabase();
        JdbcStore.open(url, Clock.systemUTC()).close();   // the schema
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url.jdbcUrl());
        c.setUsername(url.user());
        c.setPassword(url.password());
        c.setMaximumPoolSize(8);
        pool = new HikariDataSource(c);
    }

    @AfterEach
    void back() {
        RateLimiter.shareAcrossProcesses(null);
        ConcurrencyLimiter.shareAcrossProcesses(null);
        pool.close();
    }

    /** A slot as the store handed it out: who asked, when it asked and the slot it got (database clock, µs). */
    private record Taken(String connection, long askedAt, long slotAt) {
    }

    @Test
    void eachConnectionWaitingForTheKeysSlotsGetsOneBeforeAnyOtherGetsTwo() throws Exception {
        List<Taken> taken = Collections.synchronizedList(new ArrayList<>());
        StoreRateSlots slots = new StoreRateSlots(pool);
        RateLimiter.shareAcrossProcesses((key, interval) -> {
            StoreRateSlots.Slot s = slots.slot(key, interval);
            taken.add(new Taken(Thread.currentThread().getName().replaceAll("#.*", ""), s.nowMicros(), s.atMicros()));
            return s.waitTime();
        });
        RateLimiter key = RateLimiter.shared("po|fair-share|" + UUID.randomUUID(), 50, Clock.systemUTC(), Sleeper.SYSTEM);

        runConnections(connection -> {
            RateLimiter.Lane lane = key.lane();
            return () -> lane.acquire();
        }, Duration.ofSeconds(3));

        assertThat(taken).hasSizeGreaterThan(60);
        assertEachServedAfterAtMostOneOfEachOther(taken, "slot");
        Map<String, Long> share = taken.stream().collect(Collectors.groupingBy(Taken::connection, Collectors.counting()));
        // first come, first served would give the big connection 4 of every 7 slots; its fair share is 1 of 4, a bit
        // more when a small one is between two calls and not waiting
        assertThat(share.get("big")).as("the big connection's slots, of %s", share)
                .isLessThanOrEqualTo(taken.size() / 3);
    }

    @Test
    void eachConnectionWaitingForTheOrgsCallsGetsOneBeforeAnyOtherGetsTwo() throws Exception {
        List<Taken> granted = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> askedAt = new java.util.concurrent.ConcurrentHashMap<>();   // ticket → first ask, ns
        try (StoreCallLeases store = new StoreCallLeases(pool, Duration.ofSeconds(5))) {
            ConcurrencyLimiter.shareAcrossProcesses(new ConcurrencyLimiter.SharedLeases() {
                @Override
                public Optional<String> tryTake(String keyHash, String ticket, int max) {
                    long asked = askedAt.computeIfAbsent(ticket, t -> System.nanoTime());
                    Optional<String> lease = store.tryTake(keyHash, ticket, max);
                    lease.ifPresent(l -> granted.add(new Taken(Thread.currentThread().getName().replaceAll("#.*", ""),
                            asked, System.nanoTime())));
                    return lease;
                }

                @Override
                public void release(String keyHash, String lease) {
                    store.release(keyHash, lease);
                }
            });
            ConcurrencyLimiter org = ConcurrencyLimiter.shared("zoho|fair-share|" + UUID.randomUUID(), 2);

            runConnections(connection -> {
                ConcurrencyLimiter.Lane lane = org.lane();
                return () -> {
                    try (ConcurrencyLimiter.Permit p = lane.acquire()) {
                        Thread.sleep(15);   // the call
                    }
                };
            }, Duration.ofSeconds(3));
        }
        assertThat(granted).hasSizeGreaterThan(40);
        assertEachServedAfterAtMostOneOfEachOther(granted, "call");
        Map<String, Long> share = granted.stream().collect(Collectors.groupingBy(Taken::connection, Collectors.counting()));
        for (String small : CONNECTIONS.subList(1, 4)) {
            // first come, first served would give each small connection 1 of every 7 calls; fair is 1 of 4, a bit less
            // when it is between two calls and not waiting
            assertThat(share.get(small)).as("calls of %s, of %s", small, share)
                    .isGreaterThanOrEqualTo(granted.size() / 5);
        }
    }

    /** Between any connection asking and being served, every other connection was served at most once. */
    private static void assertEachServedAfterAtMostOneOfEachOther(List<Taken> served, String what) {
        for (Taken t : served) {
            Map<String, Long> othersBetween = served.stream()
                    .filter(o -> !o.connection().equals(t.connection()) && o.slotAt() > t.askedAt() && o.slotAt() < t.slotAt())
                    .collect(Collectors.groupingBy(Taken::connection, Collectors.counting()));
            assertThat(othersBetween.values()).as("%ss of the others between %s asking and its %s: %s",
                    what, t.connection(), what, othersBetween).allMatch(n -> n <= 1);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** The big connection calls from 4 threads, the small ones from 1 each, each thread back to back for {@code time}. */
    private static void runConnections(java.util.function.Function<String, Call> lanes, Duration time) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(7);
        long end = System.nanoTime() + time.toNanos();
        for (String connection : CONNECTIONS) {
            Call call = lanes.apply(connection);
            int threadsOfIt = connection.equals("big") ? 4 : 1;
            for (int t = 0; t < threadsOfIt; t++) {
                String name = connection + "#" + t;
                threads.submit(() -> {
                    Thread.currentThread().setName(name);
                    while (System.nanoTime() < end) {
                        call.run();
                    }
                    return null;
                });
            }
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(time.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
    }
}
