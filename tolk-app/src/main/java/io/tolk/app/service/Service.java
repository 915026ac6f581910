package io.tolk.app.service;

import io.tolk.app.health.Health;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.EngineBusyException;
import io.tolk.engine.StopSignal;
import io.tolk.engine.cycle.CycleReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The long-running service behind {@code tolk run} and {@code tolk demo}: it schedules every connection's cycles
 * through a {@link CycleScheduler} (each connection on its own, so one slow or failing connection never delays
 * another), keeps what is running and paused, works out each connection's {@link Health} from the run log, and tells
 * its {@link ServiceListener}s (log lines, metrics, alerts) how each cycle went.
 *
 * <p>Stopping: the caller's {@link StopSignal} is handed to every engine, so once it asks to stop, the cycles in
 * progress send nothing more, record what they sent and end {@code interrupted}; {@link #stop} then waits for them.
 */
public final class Service implements ServiceControl, AutoCloseable {

    /** How many recent runs the health is worked out from. */
    private static final int HEALTH_RUNS = 20;

    private final Map<String, EngineSession> sessions = new LinkedHashMap<>();
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final CycleScheduler scheduler;
    private final Clock clock;
    private final StopSignal stop;
    private volatile boolean stopping;
    private final List<ServiceListener> listeners = new CopyOnWriteArrayList<>();
    private final Instant started;
    private final java.util.function.Function<RuntimeException, String> describe;
    private final NoticeInbox inbox;

    /** A connection's live state. */
    private static final class Lane {
        volatile boolean paused;
        volatile RunningCycle running;
        /** Being removed: its cycle in progress is asked to stop, and no other starts. */
        volatile boolean removing;
    }

    /**
     * @param sessions  one per connection, opened by the caller (who closes them after {@link #stop})
     * @param scheduler when cycles run
     * @param clock     the one clock
     * @param stop      asks the cycles in progress to stop early
     */
    public Service(List<EngineSession> sessions, CycleScheduler scheduler, Clock clock, StopSignal stop) {
        this(sessions, scheduler, clock, stop, e -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /**
     * @param describe how a cycle's failure as a whole is told to a person (the CLI's error texts, which name the
     *                 system and what to do)
     */
    public Service(List<EngineSession> sessions, CycleScheduler scheduler, Clock clock, StopSignal stop,
                   java.util.function.Function<RuntimeException, String> describe) {
        this.describe = describe;
        this.scheduler = scheduler;
        this.inbox = scheduler.inbox().orElse((connection, notices) -> session(connection).engine().notified(notices));
        this.clock = clock;
        this.stop = () -> stopping || stop.requested();
        for (EngineSession s : sessions) {
            put(s);
        }
        this.started = clock.instant();
    }

    /** Takes a session in: its lane, and its engine's stop signal (the service's, or this connection's removal). */
    private synchronized Lane put(EngineSession s) {
        String name = s.connection().name();
        if (sessions.containsKey(name)) {
            throw new IllegalArgumentException("a connection named '" + name + "' is served already");
        }
        Lane lane = new Lane();
        sessions.put(name, s);
        lanes.put(name, lane);
        io.tolk.engine.StopSignal fence = scheduler.fence(name);
        s.engine().onStop(() -> stop.requested() || lane.removing || fence.requested());
        s.engine().claimedBy(() -> scheduler.claim(name));
        return lane;
    }

    /**
     * Serves one more connection while running (its file was added to the connections folder): its first cycle is due
     * at once. The caller opened the session and closes it after {@link #remove} or {@link #stop}.
     *
     * @throws IllegalArgumentException when a connection of that name is served already
     */
    public void add(EngineSession session) {
        put(session);
        String name = session.connection().name();
        scheduler.add(new CycleScheduler.Scheduled(name, session.connection().sync().interval()));
        tell(l -> l.connectionAdded(name));
    }

    /**
     * Serves the connection no more (its file was removed or changed): its cycle in progress is asked to stop (it sends
     * nothing more and records what it sent) and waited for up to {@code grace}; no other starts. Returns its session,
     * for the caller to close, or empty when there is no such connection.
     */
    public Optional<EngineSession> remove(String connection, Duration grace) {
        Lane lane;
        synchronized (this) {
            lane = lanes.get(connection);
        }
        if (lane == null) {
            return Optional.empty();
        }
        lane.removing = true;
        scheduler.remove(connection, grace);
        EngineSession session;
        synchronized (this) {
            lanes.remove(connection);
            session = sessions.remove(connection);
        }
        tell(l -> l.connectionRemoved(connection));
        return Optional.ofNullable(session);
    }

    public Service listen(ServiceListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Starts the cycles: every connection's first cycle is due at once. */
    public void start() {
        List<CycleScheduler.Scheduled> scheduled = new ArrayList<>();
        sessions.forEach((name, s) -> scheduled.add(new CycleScheduler.Scheduled(name, s.connection().sync().interval())));
        scheduler.start(scheduled, this::runCycle);
    }

    /**
     * Starts no more cycles, asks those in progress to stop (they send nothing more and record what they sent), and
     * waits up to {@code grace} for them. Returns whether they all ended in time.
     */
    public boolean stop(Duration grace) {
        stopping = true;
        return scheduler.stop(grace);
    }

    /** Stops, giving the cycles in progress up to 30 s to record what they sent. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
        scheduler.close();
    }

    /** When the service started (a connection that never completed a cycle is stale counted from here). */
    public Instant started() {
        return started;
    }

    // ------------------------------------------------------------------------------------------------ one cycle

    /** Runs one cycle (see {@link CycleScheduler.CycleRunner#runCycle}); returns whether it synced what it had. */
    private boolean runCycle(String name, CycleScheduler.Trigger trigger,
                             java.util.Collection<io.tolk.engine.ChangeQueue.Notice> notified) {
        Lane lane;
        EngineSession session;
        synchronized (this) {
            lane = lanes.get(name);
            session = sessions.get(name);
        }
        if (lane == null || session == null || lane.paused || lane.removing || stop.requested()) {
            return false;
        }
        if (!notified.isEmpty()) {
            session.engine().notified(notified);
        }
        Instant begun = clock.instant();
        lane.running = new RunningCycle(begun, "starting", 0, -1);
        session.engine().onProgress((phase, done, total) -> {
            lane.running = new RunningCycle(begun, phase, done, total);
            tell(l -> l.progress(name, phase, done, total));
        });
        tell(l -> l.cycleStarted(name));
        CycleResult result;
        java.util.Optional<Instant> oldestNotice = session.engine().notices().oldest();
        try {
            CycleReport report = trigger == CycleScheduler.Trigger.NOTIFIED ? session.engine().runNotifiedCycle()
                    : session.engine().runCycle();
            oldestNotice.ifPresent(at -> tell(l -> l.notificationsSynced(name, Duration.between(at, clock.instant()))));
            result = new CycleResult.Completed(name, report, trigger == CycleScheduler.Trigger.NOTIFIED);
        } catch (EngineBusyException e) {
            result = new CycleResult.Busy(name, describe.apply(e));
        } catch (RuntimeException e) {
            result = new CycleResult.Failed(name, describe.apply(e), Duration.between(begun, clock.instant()));
        } finally {
            lane.running = null;
        }
        CycleResult ended = result;
        boolean synced = synced(result);
        Health health;
        try {
            health = health(name);
        } catch (RuntimeException e) {
            return synced; // the store is gone (closing): nothing more to tell
        }
        tell(l -> l.cycleEnded(ended, health));
        return synced;
    }

    /** Whether a cycle dealt with the notified records it had: it ran to its end, neither stopped nor out of quota. */
    private static boolean synced(CycleResult result) {
        return result instanceof CycleResult.Completed c && switch (c.report().outcome()) {
            case OK, FAILURES, DELETES_HALTED -> true;
            case WAITING_FOR_QUOTA, FAILED, INTERRUPTED -> false;
        };
    }

    private void tell(java.util.function.Consumer<ServiceListener> event) {
        for (ServiceListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                // a listener's failure must not stop the service; the listener reports its own problems
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ ServiceControl

    @Override
    public synchronized List<String> connections() {
        return List.copyOf(sessions.keySet());
    }

    @Override
    public synchronized EngineSession session(String connection) {
        EngineSession s = sessions.get(connection);
        if (s == null) {
            throw new IllegalArgumentException("no connection '" + connection + "'; there are: "
                    + String.join(", ", sessions.keySet()));
        }
        return s;
    }

    @Override
    public Health health(String connection) {
        EngineSession s = session(connection);
        long failing = s.engine().failing();   // from the failures alone: asked after every cycle
        return Health.of(s.store().connection(connection).runs(HEALTH_RUNS), s.connection().sync().interval(), failing,
                started, clock.instant());
    }

    @Override
    public Optional<RunningCycle> running(String connection) {
        session(connection);
        return Optional.ofNullable(lane(connection).running);
    }

    @Override
    public void triggerNow(String connection) {
        session(connection);
        scheduler.triggerNow(connection);
    }

    /**
     * A system notified changed records of the connection (a verified webhook): they go to the scheduler's
     * {@link CycleScheduler#inbox() inbox} (in one process: the connection's engine), and are synced by the cycle in
     * progress, or by a small cycle of their own as soon as the connection is idle. A paused connection keeps them
     * until it is resumed.
     */
    public void notified(String connection, java.util.Collection<io.tolk.engine.ChangeQueue.Notice> notices) {
        session(connection);
        inbox.put(connection, notices);
        if (!lane(connection).paused) {
            scheduler.notified(connection);
        }
    }

    @Override
    public void pause(String connection) {
        session(connection);
        lane(connection).paused = true;
    }

    @Override
    public void resume(String connection) {
        session(connection);
        lane(connection).paused = false;
        scheduler.triggerNow(connection);
    }

    @Override
    public boolean paused(String connection) {
        session(connection);
        return lane(connection).paused;
    }

    private synchronized Lane lane(String connection) {
        Lane lane = lanes.get(connection);
        if (lane == null) {
            throw new IllegalArgumentException("no connection '" + connection + "'");
        }
        return lane;
    }
}
