package io.tolk.app.service;

import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tolk.api.ApiUsage;
import io.tolk.api.Connector;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.OpenCounts;
import io.tolk.engine.cycle.CycleReport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The service's Prometheus metrics (Micrometer), every one labelled by {@code connection}:
 * <ul>
 *   <li>{@code tolk_records_read_total{flow}}, {@code tolk_records_written_total{system,type,kind}};</li>
 *   <li>{@code tolk_api_calls_total{system}}, {@code tolk_api_throttled_total{system}} (429 answers),
 *       {@code tolk_api_credits_remaining{system}} (where the system reports credits: Zoho);</li>
 *   <li>{@code tolk_failing_records}, {@code tolk_open_conflicts}, {@code tolk_review_queue};</li>
 *   <li>{@code tolk_cycle_duration_seconds{outcome}}, {@code tolk_seconds_since_last_success},
 *       {@code tolk_health{state}} (1 for the connection's state, 0 for the others);</li>
 *   <li>{@code tolk_notification_lag_seconds} (from a Zoho change to the end of the cycle that synced it).</li>
 * </ul>
 * API figures come from the connectors' own counters, so calls of failed cycles count too.
 */
public final class ServiceMetrics implements ServiceListener {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ServiceControl service;
    private final Clock clock;
    private final Map<String, Gauges> gauges = new ConcurrentHashMap<>();

    /** The per-connection values read by gauges, refreshed after every cycle. */
    private static final class Gauges {
        final AtomicLong failing = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final AtomicLong review = new AtomicLong();
        final AtomicReference<Health> health = new AtomicReference<>();
    }

    public ServiceMetrics(ServiceControl service, Clock clock) {
        this.service = service;
        this.clock = clock;
        for (String connection : service.connections()) {
            register(connection, service.session(connection));
        }
    }

    private void register(String connection, EngineSession session) {
        Gauges g = new Gauges();
        gauges.put(connection, g);
        Tags tags = Tags.of("connection", connection);
        for (Connector c : List.of(session.poweroffice(), session.zoho())) {
            Tags sys = tags.and("system", c.system());
            usage(c, "tolk_api_calls_total", "HTTP calls made to the system's API (token calls included)", sys,
                    ApiUsage::calls);
            usage(c, "tolk_api_throttled_total", "429 (too many requests) answers from the system", sys,
                    ApiUsage::throttled);
            Gauge.builder("tolk_api_credits_remaining", c, x -> {
                        ApiUsage u = x.usage();
                        return u == null || u.creditsRemaining() < 0 ? Double.NaN : u.creditsRemaining();
                    })
                    .description("API credits left as the system last reported them (Zoho); NaN where not reported")
                    .tags(sys).register(registry);
        }
        Gauge.builder("tolk_failing_records", g.failing, AtomicLong::get).description("records that could not be synced")
                .tags(tags).register(registry);
        Gauge.builder("tolk_open_conflicts", g.conflicts, AtomicLong::get).description("conflicts decided, open for review")
                .tags(tags).register(registry);
        Gauge.builder("tolk_review_queue", g.review, AtomicLong::get).description("records waiting for a person to link")
                .tags(tags).register(registry);
        Gauge.builder("tolk_seconds_since_last_success", g.health, h -> h.get() == null || h.get().lastSuccess() == null
                        ? Double.NaN : Duration.between(h.get().lastSuccess(), clock.instant()).toMillis() / 1000.0)
                .description("time since the last cycle that completed").tags(tags).register(registry);
        for (HealthState state : HealthState.values()) {
            Gauge.builder("tolk_health", g.health, h -> h.get() != null && h.get().state() == state ? 1 : 0)
                    .description("1 for the connection's health state").tags(tags.and("state", state.code()))
                    .register(registry);
        }
    }

    @Override
    public void connectionAdded(String connection) {
        register(connection, service.session(connection));
    }

    /** A removed connection's series go (a connection added again under the name starts from zero). */
    @Override
    public void connectionRemoved(String connection) {
        gauges.remove(connection);
        registry.getMeters().stream().filter(m -> connection.equals(m.getId().getTag("connection")))
                .toList().forEach(registry::remove);
    }

    private void usage(Connector c, String name, String help, Tags tags, ToDoubleFunction<ApiUsage> value) {
        FunctionCounter.builder(name, c, x -> x.usage() == null ? 0 : value.applyAsDouble(x.usage()))
                .description(help).tags(tags).register(registry);
    }

    @Override
    public void cycleEnded(CycleResult result, Health health) {
        String connection = result.connection();
        Gauges g = gauges.get(connection);
        if (g == null) {
            return;
        }
        g.health.set(health);
        Tags tags = Tags.of("connection", connection);
        if (result instanceof CycleResult.Completed c) {
            CycleReport r = c.report();
            r.flows().forEach((flow, counts) -> Counter.builder("tolk_records_read")
                    .description("records read").tags(tags.and("flow", flow)).register(registry)
                    .increment(counts.read()));
            for (CycleReport.WriteTally t : r.writeTallies()) {
                Counter.builder("tolk_records_written").description("records written (created, updated, deleted)")
                        .tags(tags.and("system", t.system()).and("type", t.type()).and("kind", t.kind().name().toLowerCase()))
                        .register(registry).increment(t.records());
            }
            timer(tags, r.outcome().code()).record(r.duration());
        } else if (result instanceof CycleResult.Failed f) {
            timer(tags, "failed").record(f.duration());
        }
        OpenCounts open = service.session(connection).engine().openCounts();   // not status(): its tally reads every link
        g.failing.set(open.failing());
        g.conflicts.set(open.conflicts());
        g.review.set(open.needsReview());
    }

    private Timer timer(Tags tags, String outcome) {
        return Timer.builder("tolk_cycle_duration").description("how long cycles take")
                .tags(tags.and("outcome", outcome)).register(registry);
    }

    /** Records how long notified changes took to be synced after their notice arrived. */
    @Override
    public void notificationsSynced(String connection, Duration lag) {
        Timer.builder("tolk_notification_lag").description("from a notified change to the end of the cycle that synced it")
                .tags(Tags.of("connection", connection)).register(registry).record(lag);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
