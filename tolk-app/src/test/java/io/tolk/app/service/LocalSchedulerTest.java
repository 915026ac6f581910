package io.tolk.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tolk.engine.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

    private final Map<String, AtomicInteger> cycles = new ConcurrentHashMap<>();

    private int cycles(String connection) {
        return cycles.computeIfAbsent(connection, k -> new AtomicInteger()).get();
    }

    @Test
    void aConnectionWhoseCycleHangsDelaysNoOtherConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LocalScheduler scheduler = new LocalScheduler(Clock.systemUTC())) {
            scheduler.start(List.of(new CycleScheduler.Scheduled("slow", Duration.ofMillis(10)),
                    new CycleScheduler.Scheduled("quick", Duration.ofMillis(10))), (connection, trigger, notified) -> {
                        cycles.computeIfAbsent(connection, k -> new AtomicInteger()).incrementAndGet();
                        if (connection.equals("slow")) {
                            hold(release);
                        }
                        return true;
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> cycles("quick") >= 5);
            assertThat(cycles("slow")).isEqualTo(1);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> cycles("slow") >= 2);
        }
    }

    @Test
    void aTriggeredConnectionRunsAtOnceInsteadOfAfterItsInterval() {
        try (LocalScheduler scheduler = new LocalScheduler(Clock.systemUTC())) {
            scheduler.start(List.of(new CycleScheduler.Scheduled("daily", Duration.ofDays(1))),
                    (connection, trigger, notified) -> cycles.computeIfAbsent(connection, k -> new AtomicInteger()).incrementAndGet() > 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> cycles("daily") == 1);
            scheduler.triggerNow("daily");
            await().atMost(Duration.ofSeconds(2)).until(() -> cycles("daily") == 2);
        }
    }

    @Test
    void theNextCycleIsDueOnTheInjectedClockAnIntervalAfterTheLastOneEnded() {
        TestClock clock = new TestClock();
        try (LocalScheduler scheduler = new LocalScheduler(clock)) {
            scheduler.start(List.of(new CycleScheduler.Scheduled("hourly", Duration.ofHours(1))),
                    (connection, trigger, notified) -> cycles.computeIfAbsent(connection, k -> new AtomicInteger()).incrementAndGet() > 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> cycles("hourly") == 1);
            clock.advance(Duration.ofMinutes(59));
            await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(cycles("hourly")).isEqualTo(1);
            clock.advance(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(2)).until(() -> cycles("hourly") == 2);
        }
    }

    @Test
    void stopWaitsForTheCycleInProgressAndStartsNoOther() throws Exception {
        CountDownLatch inCycle = new CountDownLatch(1);
        LocalScheduler scheduler = new LocalScheduler(Clock.systemUTC());
        scheduler.start(List.of(new CycleScheduler.Scheduled("one", Duration.ofMillis(1))), (connection, trigger, notified) -> {
            cycles.computeIfAbsent(connection, k -> new AtomicInteger()).incrementAndGet();
            inCycle.countDown();
            sleep(300);
            return true;
        });
        assertThat(inCycle.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.stop(Duration.ofSeconds(5))).isTrue();
        int after = cycles("one");
        sleep(100);
        assertThat(cycles("one")).isEqualTo(after);
        assertThat(after).isLessThanOrEqualTo(2);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
