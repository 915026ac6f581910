package io.tolk.app.service;

import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.app.wiring.Sessions;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over real connections (both simulators per connection, one SQLite store), its cycles concurrent. */
class ServiceTest {

    private final List<RunningSimulator> sims = new ArrayList<>();
    private final Map<String, List<CycleResult>> results = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopSimulators() {
        sims.forEach(RunningSimulator::close);
    }

    private String connection(String name, Faults poFaults) {
        SimOptions options = SimOptions.defaults().withRecords(6).withNoLimits(true);
        RunningSimulator po = SimulatorKind.POWEROFFICE.start(new SimOptions(options.bindAddress(), 0, 6, null, poFaults,
                true, options.clock()));
        RunningSimulator zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(6).withNoLimits(true));
        sims.add(po);
        sims.add(zoho);
        StringBuilder b = new StringBuilder("  - name: " + name + "\n");
        SimulatorKind.POWEROFFICE.configLines(po.baseUrl()).forEach(l -> b.append("    ").append(l).append('\n'));
        SimulatorKind.ZOHO.configLines(zoho.baseUrl()).forEach(l -> b.append("    ").append(l).append('\n'));
        b.append("    sync:\n      interval: 200ms\n");
        return b.toString();
    }

    private Sessions open(String connections) throws Exception {
        Path yaml = dir.resolve("tolk.yaml");
        Files.writeString(yaml, "store: sqlite:./tolk.db\nconnections:\n" + connections);
        TolkConfig config = new ConfigLoader(n -> null).load(yaml);
        return Sessions.open(config, config.connections(), Clock.systemUTC(), false);
    }

    private ServiceListener recorder() {
        return (result, health) -> results.computeIfAbsent(result.connection(), k -> new CopyOnWriteArrayList<>())
                .add(result);
    }

    private int completed(String connection) {
        return (int) results.getOrDefault(connection, List.of()).stream()
                .filter(r -> r instanceof CycleResult.Completed).count();
    }

    @Test
    void aConnectionWithASlowApiDelaysNoOtherConnection() throws Exception {
        try (Sessions sessions = open(connection("quick", Faults.NONE) + connection("slow", Faults.parse("latency=3s")));
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     () -> false).listen(recorder())) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> completed("quick") >= 3);
            assertThat(completed("slow")).isZero();
            assertThat(service.running("slow")).isPresent();
            assertThat(service.health("quick").state()).isEqualTo(HealthState.OK);
            service.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aConnectionWhoseSystemIsDownIsFailingWithItsErrorWhileTheOtherStaysOk() throws Exception {
        String down = connection("down", Faults.NONE);
        sims.get(sims.size() - 1).close(); // its Zoho is gone
        try (Sessions sessions = open(connection("up", Faults.NONE) + down);
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     () -> false).listen(recorder())) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> completed("up") >= 2
                    && !results.getOrDefault("down", List.of()).isEmpty());
            assertThat(results.get("down").get(0)).isInstanceOf(CycleResult.Failed.class);
            Health health = service.health("down");
            assertThat(health.state()).isEqualTo(HealthState.FAILING);
            assertThat(health.lastError()).isNotBlank();
            assertThat(service.health("up").state()).isEqualTo(HealthState.OK);
            service.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aPausedConnectionRunsNoCycleUntilResumedAndATriggerRunsItAtOnce() throws Exception {
        try (Sessions sessions = open(connection("one", Faults.NONE).replace("200ms", "1h"));
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     () -> false).listen(recorder())) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> completed("one") == 1);
            service.pause("one");
            service.triggerNow("one");
            Thread.sleep(500);
            assertThat(completed("one")).isEqualTo(1);
            assertThat(service.paused("one")).isTrue();
            service.resume("one");
            await().atMost(Duration.ofSeconds(30)).until(() -> completed("one") == 2);
            service.triggerNow("one");
            await().atMost(Duration.ofSeconds(30)).until(() -> completed("one") == 3);
            service.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStopAskedForDuringACycleEndsItInterruptedAndStartsNoOther() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Sessions sessions = open(connection("one", Faults.parse("latency=300ms")));
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     stop::get).listen(recorder())) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> service.running("one").isPresent());
            Thread.sleep(400);
            stop.set(true);
            assertThat(service.stop(Duration.ofSeconds(10))).isTrue();
            assertThat(results.get("one")).hasSize(1);
            CycleResult.Completed r = (CycleResult.Completed) results.get("one").get(0);
            assertThat(r.report().outcome()).isEqualTo(io.tolk.engine.store.RunOutcome.INTERRUPTED);
            assertThat(sessions.store().connection("one").runs(1).get(0).outcome())
                    .isEqualTo(io.tolk.engine.store.RunOutcome.INTERRUPTED);
        }
    }

    @Test
    void metricsAreLabelledByConnectionAndCountTheApiCallsAndRecords() throws Exception {
        try (Sessions sessions = open(connection("fjellvind", Faults.NONE));
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     () -> false)) {
            ServiceMetrics metrics = new ServiceMetrics(service, Clock.systemUTC());
            service.listen(metrics).listen(recorder());
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> completed("fjellvind") >= 1);
            service.stop(Duration.ofSeconds(5));
            String scrape = metrics.scrape();
            assertThat(scrape).contains("tolk_api_calls_total{connection=\"fjellvind\",system=\"zoho\"}",
                    "tolk_records_written_total{connection=\"fjellvind\"", "tolk_health{connection=\"fjellvind\",state=\"ok\"} 1.0",
                    "tolk_cycle_duration_seconds_count{connection=\"fjellvind\",outcome=\"ok\"}");
            assertThat(scrape).doesNotContain("tolk_api_calls_total{connection=\"fjellvind\",system=\"zoho\"} 0.0");
        }
    }

    @Test
    void metricsAfterEveryCycleShowTheFailingConflictAndReviewCounts() throws Exception {
        try (Sessions sessions = open(connection("fjellvind", Faults.NONE));
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     () -> false)) {
            var db = sessions.store().connection("fjellvind");
            java.time.Instant t = java.time.Instant.now();
            var missing = new io.tolk.api.RecordRef("poweroffice", "CompanyCustomer", "999999");
            db.putFailure(new io.tolk.engine.store.Failure(0, missing, "zoho", "refused", 1, t, t,
                    t.plus(Duration.ofDays(1)), "h"));
            db.putConflict(new io.tolk.engine.store.Conflict(0, "e1", "F1", "organization.name", "zoho", "B",
                    "poweroffice", "A", "newer", t, false));
            db.putReview(new io.tolk.engine.store.ReviewItem(0, new io.tolk.api.RecordRef("poweroffice", "PersonCustomer",
                    "999998"), "F3", java.util.List.of(), "two candidates", t, io.tolk.engine.store.ReviewOrigin.MATCHING));
            ServiceMetrics metrics = new ServiceMetrics(service, Clock.systemUTC());
            service.listen(metrics).listen(recorder());
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> completed("fjellvind") >= 1);
            service.stop(Duration.ofSeconds(5));

            assertThat(metrics.scrape()).contains("tolk_failing_records{connection=\"fjellvind\"} 1.0",
                    "tolk_open_conflicts{connection=\"fjellvind\"} 1.0", "tolk_review_queue{connection=\"fjellvind\"} 1.0");
        }
    }
}
