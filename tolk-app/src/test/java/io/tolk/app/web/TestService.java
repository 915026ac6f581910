package io.tolk.app.web;

import io.tolk.app.health.Health;
import io.tolk.app.service.ServiceControl;
import io.tolk.app.wiring.EngineSession;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ServiceControl} for the tests, over real engine sessions: a cycle runs on one background thread when asked
 * for (never on a schedule), so a test knows how many cycles ran ({@link #cyclesDone()}).
 */
final class TestService implements ServiceControl, AutoCloseable {

    private final Map<String, EngineSession> sessions = new LinkedHashMap<>();
    private final Clock clock;
    private final Instant watchedSince;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-service-cycles");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong cyclesDone = new AtomicLong();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Map<String, RunningCycle> running = new ConcurrentHashMap<>();
    private final List<String> triggered = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestService(List<EngineSession> sessions, Clock clock) {
        sessions.forEach(s -> this.sessions.put(s.connection().name(), s));
        this.clock = clock;
        this.watchedSince = clock.instant();
    }

    @Override
    public List<String> connections() {
        return new ArrayList<>(sessions.keySet());
    }

    @Override
    public EngineSession session(String connection) {
        EngineSession s = sessions.get(connection);
        if (s == null) {
            throw new IllegalArgumentException("no connection " + connection);
        }
        return s;
    }

    @Override
    public Health health(String connection) {
        EngineSession s = session(connection);
        var db = s.store().connection(connection);
        return Health.of(db.runs(20), s.connection().sync().interval(), db.failures().size(), watchedSince, clock.instant());
    }

    @Override
    public Optional<RunningCycle> running(String connection) {
        return Optional.ofNullable(running.get(connection));
    }

    @Override
    public void triggerNow(String connection) {
        triggered.add(connection);
        if (paused.contains(connection) || pending.getAndSet(true)) {
            return;
        }
        runner.submit(() -> {
            pending.set(false);
            for (String name : connections()) {
                if (paused.contains(name)) {
                    continue;
                }
                running.put(name, new RunningCycle(clock.instant(), "syncing", 0, -1));
                try {
                    session(name).engine().runCycle();
                } catch (RuntimeException e) {
                    // the engine saved the failed run; the health shows it
                } finally {
                    running.remove(name);
                }
            }
            cyclesDone.incrementAndGet();
        });
    }

    /** Runs a cycle of every connection now, on the caller's thread's behalf, and waits for it. */
    void syncNow() {
        long before = cyclesDone.get();
        triggerNow(connections().get(0));
        awaitCyclesAfter(before);
    }

    void awaitCyclesAfter(long before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cyclesDone.get() <= before || pending.get() || !running.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no cycle finished within 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    long cyclesDone() {
        return cyclesDone.get();
    }

    List<String> triggered() {
        return triggered;
    }

    @Override
    public void pause(String connection) {
        session(connection);
        paused.add(connection);
    }

    @Override
    public void resume(String connection) {
        session(connection);
        paused.remove(connection);
    }

    @Override
    public boolean paused(String connection) {
        return paused.contains(connection);
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
