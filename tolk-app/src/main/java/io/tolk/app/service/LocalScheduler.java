package io.tolk.app.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process {@link CycleScheduler}: one thread per connection, which sleeps until its connection's next cycle is
 * due on the injected clock (re-reading the clock at least every {@link #TICK}, so a test clock moved forward is
 * noticed) or until it is triggered, then runs the cycle.
 */
public final class LocalScheduler implements CycleScheduler {

    /** The longest the scheduler sleeps before it looks at the clock again. */
    static final Duration TICK = Duration.ofMillis(200);

    private final Clock clock;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private volatile boolean stopping;
    private CycleRunner runner;

    public LocalScheduler(Clock clock) {
        this.clock = clock;
    }

    /** One connection's schedule and its thread. */
    private final class Lane implements Runnable {
        final Scheduled scheduled;
        final CycleRunner runner;
        final Thread thread;
        Instant due;
        boolean triggered;
        boolean notified;
        boolean removed;

        Lane(Scheduled scheduled, CycleRunner runner) {
            this.scheduled = scheduled;
            this.runner = runner;
            this.due = clock.instant();
            this.thread = new Thread(this, "tolk-cycle-" + scheduled.connection());
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            Trigger trigger;
            while ((trigger = awaitDue()) != null) {
                runner.runCycle(scheduled.connection(), trigger, java.util.List.of());
                if (trigger != Trigger.NOTIFIED) {
                    synchronized (this) {
                        due = clock.instant().plus(scheduled.interval());
                    }
                }
            }
        }

        /** Waits until a cycle is due, triggered or notified; null once the scheduler stops. */
        private synchronized Trigger awaitDue() {
            while (!stopping && !removed) {
                Instant now = clock.instant();
                if (triggered || !now.isBefore(due)) {
                    Trigger why = triggered ? Trigger.REQUESTED : Trigger.SCHEDULE;
                    triggered = false;
                    notified = false; // a full cycle takes the notices too
                    return why;
                }
                if (notified) {
                    notified = false;
                    return Trigger.NOTIFIED;
                }
                long millis = Math.min(TICK.toMillis(), Math.max(1, Duration.between(now, due).toMillis()));
                try {
                    wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }

        synchronized void trigger() {
            triggered = true;
            notifyAll();
        }

        synchronized void notice() {
            notified = true;
            notifyAll();
        }

        synchronized void wake() {
            notifyAll();
        }

        synchronized void remove() {
            removed = true;
            notifyAll();
        }
    }

    @Override
    public synchronized void start(List<Scheduled> connections, CycleRunner runner) {
        if (!lanes.isEmpty()) {
            throw new IllegalStateException("the scheduler was started already");
        }
        this.runner = runner;
        for (Scheduled s : connections) {
            lanes.put(s.connection(), new Lane(s, runner));
        }
        lanes.values().forEach(l -> l.thread.start());
    }

    @Override
    public synchronized void add(Scheduled connection) {
        if (runner == null) {
            throw new IllegalStateException("the scheduler was not started");
        }
        if (lanes.containsKey(connection.connection())) {
            throw new IllegalArgumentException("connection '" + connection.connection() + "' is scheduled already");
        }
        Lane lane = new Lane(connection, runner);
        lanes.put(connection.connection(), lane);
        if (!stopping) {
            lane.thread.start();
        }
    }

    @Override
    public boolean remove(String connection, Duration grace) {
        Lane lane;
        synchronized (this) {
            lane = lanes.remove(connection);
        }
        if (lane == null) {
            return true;
        }
        lane.remove();
        try {
            lane.thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !lane.thread.isAlive();
    }

    @Override
    public void triggerNow(String connection) {
        lane(connection).trigger();
    }

    @Override
    public void notified(String connection) {
        lane(connection).notice();
    }

    private synchronized Lane lane(String connection) {
        Lane lane = lanes.get(connection);
        if (lane == null) {
            throw new IllegalArgumentException("no connection '" + connection + "'");
        }
        return lane;
    }

    @Override
    public boolean stop(Duration grace) {
        stopping = true;
        List<Lane> all;
        synchronized (this) {
            all = new ArrayList<>(lanes.values());
        }
        all.forEach(Lane::wake);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean ended = true;
        for (Lane l : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                l.thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            ended &= !l.thread.isAlive();
        }
        return ended;
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
