package io.tolk.app.service;

import io.tolk.app.health.Health;
import io.tolk.app.alerts.AlertWatcher;
import io.tolk.app.config.HousekeepingConfig;
import io.tolk.app.housekeeping.Housekeeping;
import io.tolk.engine.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The running service's upkeep, on a thread of its own: every connection's health is given to the alert watcher after
 * every cycle (as a {@link ServiceListener}) and every {@link #WATCH_EVERY} (stale is a matter of time passing, not
 * of a cycle ending), and the store is pruned once at start and then every {@link Housekeeping#EVERY}.
 */
public final class Upkeep implements ServiceListener, AutoCloseable {

    /** How often health is looked at between cycles. */
    public static final Duration WATCH_EVERY = Duration.ofSeconds(30);

    private final ServiceControl service;
    private final AlertWatcher alerts;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tolk-upkeep");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param log where a pruning's result is told (one line, only when something was removed)
     */
    public Upkeep(ServiceControl service, AlertWatcher alerts, Store store, HousekeepingConfig housekeeping, Clock clock,
                  Consumer<String> log) {
        this.service = service;
        this.alerts = alerts;
        timer.scheduleWithFixedDelay(this::watch, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                Housekeeping.Report r = Housekeeping.run(store, housekeeping, clock);
                if (!r.total().equals(io.tolk.engine.store.Pruned.NOTHING)) {
                    io.tolk.engine.store.Pruned p = r.total();
                    log.accept("housekeeping: removed " + p.runs() + " runs, " + p.activity() + " history lines, "
                            + p.conflicts() + " restored conflicts, " + p.intents() + " finished create intents");
                }
            } catch (RuntimeException e) {
                log.accept("housekeeping failed (" + e.getMessage() + "); tried again in " + Housekeeping.EVERY.toHours() + " h");
            }
        }, 0, Housekeeping.EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void cycleEnded(CycleResult result, Health health) {
        alerts.observe(result.connection(), health);
    }

    private void watch() {
        for (String c : service.connections()) {
            try {
                alerts.observe(c, service.health(c));
            } catch (RuntimeException e) {
                // the store is closing or a connection cannot be read now: the next look tries again
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        alerts.close();
    }
}
