package io.tolk.app.web.api;

import io.tolk.api.SystemSpoke;
import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.EngineStatus;
import io.tolk.engine.FlowStatus;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.RunRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /api/status} and {@code GET /api/connections/{c}/runs}: health, counts and the run log. */
public final class StatusApi {

    /** The most runs one page holds, and how far back paging reaches (the run log is pruned by age anyway). */
    static final int MAX_PAGE = 200;
    static final int MAX_OFFSET = 10_000;

    private final ServiceControl service;
    private final Clock clock;

    public StatusApi(ServiceControl service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /**
     * @param at          when the status was taken
     * @param connections every connection served, in config order
     */
    public record StatusView(Instant at, List<ConnectionView> connections) {
    }

    /**
     * One connection.
     *
     * @param running   its cycle in progress, or {@code null} when idle
     * @param records   the records tolk has read, per system and type
     * @param lastCycle the newest run, or {@code null} before the first
     */
    public record ConnectionView(String name, HealthView health, boolean paused, RunningView running,
                                 List<FlowView> flows, List<TypeCount> records, RunView lastCycle) {
    }

    /** {@link Health} in the API's words; durations in whole seconds. */
    public record HealthView(String state, Instant lastSuccess, String lastError, Instant lastErrorAt,
                             long sinceLastCompleteSeconds, long staleAfterSeconds) {
        static HealthView of(Health h) {
            return new HealthView(h.state().code(), h.lastSuccess(), h.lastError(), h.lastErrorAt(),
                    h.sinceLastComplete().toSeconds(), h.staleAfter().toSeconds());
        }
    }

    /**
     * One flow: its counts ({@link FlowStatus}) and its state: the connection's when that is failing or stale, else
     * degraded while records of the flow fail or wait for review, else ok.
     */
    public record FlowView(String flow, String title, String state, long linked, long inSync, long filteredOut,
                           long failing, long conflicts, long needsReview) {
    }

    /** How many records of one type tolk has read. */
    public record TypeCount(String system, String systemName, String type, String typeName, long records) {
    }

    /** A cycle in progress; {@code total} is -1 when not known. */
    public record RunningView(Instant startedAt, String phase, long done, long total) {
    }

    /**
     * One cycle of the run log.
     *
     * @param changes   records linked, created, updated and deleted, over all flows
     * @param failures  records that failed in it
     * @param apiCalls  API calls over all systems
     * @param counts    the named counts ({@code F1.read}, {@code F1.created}, …)
     * @param apiCallsBySystem system to API calls
     */
    public record RunView(long id, Instant startedAt, Instant finishedAt, Long durationMillis, String outcome,
                          String error, long changes, long failures, long apiCalls, Map<String, Long> counts,
                          Map<String, Long> apiCallsBySystem) {
        static RunView of(RunRecord r) {
            long changes = 0;
            long failures = 0;
            for (Map.Entry<String, Long> e : r.counts().entrySet()) {
                String k = e.getKey();
                long v = e.getValue() == null ? 0 : e.getValue();
                if (k.endsWith(".created") || k.endsWith(".updated") || k.endsWith(".deleted") || k.endsWith(".linked")) {
                    changes += v;
                } else if (k.endsWith(".failed")) {
                    failures += v;
                }
            }
            long calls = r.apiCalls().values().stream().mapToLong(v -> v == null ? 0 : v).sum();
            Long millis = r.finishedAt() == null ? null : Duration.between(r.startedAt(), r.finishedAt()).toMillis();
            return new RunView(r.id(), r.startedAt(), r.finishedAt(), millis, r.outcome().code(), r.error(), changes,
                    failures, calls, r.counts(), r.apiCalls());
        }
    }

    /** A page of the run log, newest first; {@code more} says whether older runs follow. */
    public record RunsPage(String connection, int offset, int limit, boolean more, List<RunView> runs) {
    }

    public StatusView status() {
        List<ConnectionView> out = new ArrayList<>();
        for (String name : service.connections()) {
            out.add(connection(name));
        }
        return new StatusView(clock.instant(), out);
    }

    private ConnectionView connection(String name) {
        EngineSession session = service.session(name);
        Health health = service.health(name);
        EngineStatus status = session.engine().status();
        List<FlowView> flows = new ArrayList<>();
        for (FlowStatus f : status.flows()) {
            flows.add(new FlowView(f.flowId(), f.title(), flowState(health.state(), f).code(), f.linked(), f.inSync(),
                    f.filteredOut(), f.failing(), f.conflicts(), f.needsReview()));
        }
        RunningView running = service.running(name)
                .map(r -> new RunningView(r.startedAt(), r.phase(), r.done(), r.total())).orElse(null);
        return new ConnectionView(name, HealthView.of(health), service.paused(name), running, flows,
                records(session), status.lastCycle().map(RunView::of).orElse(null));
    }

    static HealthState flowState(HealthState connection, FlowStatus f) {
        if (connection == HealthState.FAILING || connection == HealthState.STALE) {
            return connection;
        }
        return f.failing() > 0 || f.needsReview() > 0 ? HealthState.DEGRADED : HealthState.OK;
    }

    private static List<TypeCount> records(EngineSession session) {
        Mapping mapping = session.mapping();
        ConnectionStore db = session.store().connection(session.connection().name());
        List<TypeCount> out = new ArrayList<>();
        for (String system : mapping.systems()) {
            for (String type : mapping.boundTypes(system)) {
                SystemSpoke.TypeSpoke spoke = mapping.typeSpoke(system, type);
                out.add(new TypeCount(system, mapping.displayName(system), type,
                        spoke == null ? type : spoke.displayName(), db.countSnapshots(system, List.of(type))));
            }
        }
        return out;
    }

    /**
     * The run log, newest first.
     *
     * @throws ApiException 400 when the page is out of range, 404 for an unknown connection
     */
    public RunsPage runs(String connection, int offset, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE + ", was " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw ApiException.badRequest("offset must be between 0 and " + MAX_OFFSET + ", was " + offset);
        }
        EngineSession session = Connections.session(service, connection);
        List<RunRecord> runs = session.store().connection(connection).runs(offset + limit + 1);
        List<RunView> page = runs.stream().skip(offset).limit(limit).map(RunView::of).toList();
        return new RunsPage(connection, offset, limit, runs.size() > offset + limit, page);
    }
}
