package io.tolk.app.alerts;

import io.tolk.api.http.Sleeper;
import io.tolk.app.config.AlertsConfig;
import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import io.tolk.engine.policy.Backoff;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each connection's health and sends one alert per change worth telling a person: turned failing or stale,
 * or recovered ({@link HealthState#alertsAfter}). The service calls {@link #observe} after every cycle and on a timer.
 *
 * <p>Rules:
 * <ul>
 *   <li>The first observation of a connection after start alerts only when it is already failing or stale (a
 *       restart while a connection fails tells again; a healthy start says nothing).</li>
 *   <li>A repeated state sends nothing; ok ⇄ degraded sends nothing (the dashboard and {@code tolk status} show it).</li>
 *   <li>{@link #observe} never blocks and never throws for a channel's sake: each channel has its own thread and a
 *       queue of at most {@value #QUEUE} alerts, sent one by one in the order the changes happened.</li>
 *   <li>A failed send is tried again, at most {@code attempts} times in all, waiting {@link Backoff#delay} between
 *       tries; if the last try fails too, that is logged once (a warning naming the connection, the channel and why,
 *       never a secret) and the alert is dropped. Nothing else stops.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close} gives alerts still queued {@link #CLOSE_GRACE} to go out, then stops.
 */
public final class AlertWatcher implements AutoCloseable {

    /** Alerts waiting per channel before new ones are dropped (with a warning). */
    static final int QUEUE = 100;
    /** What {@link #close} waits for queued alerts. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** Four tries in about a minute: 5 s, 10 s, 20 s between them. */
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(20));

    private static final Logger LOG = LoggerFactory.getLogger(AlertWatcher.class);

    private final List<Lane> lanes = new ArrayList<>();
    private final URI dashboard;
    private final Clock clock;
    private final int attempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Map<String, HealthState> last = new HashMap<>();

    /** One channel and the thread that sends to it. */
    private record Lane(AlertChannel channel, ThreadPoolExecutor sender) {
    }

    /**
     * @param channels  where alerts go (none: the watcher only keeps track)
     * @param dashboard the dashboard's address for the message ({@code server.publicUrl}), or null
     * @param attempts  tries per alert and channel, at least 1
     * @param backoff   the waits between tries
     * @param sleeper   how to wait (tests pass one that does not)
     */
    public AlertWatcher(List<AlertChannel> channels, URI dashboard, Clock clock, int attempts, Backoff backoff,
                        Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.dashboard = dashboard;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        for (AlertChannel channel : channels) {
            ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(QUEUE), r -> {
                        Thread t = new Thread(r, "tolk-alerts " + channel.name());
                        t.setDaemon(true);
                        return t;
                    }, (task, executor) -> LOG.warn("alert dropped: {} already has {} alerts waiting", channel.name(), QUEUE));
            lanes.add(new Lane(channel, sender));
        }
    }

    /** The channels {@code alerts:} configures, with the default retries. */
    public static AlertWatcher start(AlertsConfig config, URI dashboard, Clock clock) {
        List<AlertChannel> channels = new ArrayList<>();
        if (config.webhook() != null) {
            channels.add(new WebhookChannel(config.webhook()));
        }
        if (config.email() != null) {
            channels.add(new EmailChannel(config.email(), clock));
        }
        return new AlertWatcher(channels, dashboard, clock, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, Sleeper.SYSTEM);
    }

    /**
     * Takes the connection's health now; if it changed in a way worth an alert, queues one on every channel and
     * returns at once.
     *
     * @return the alert queued, or null when none was
     */
    public Alert observe(String connection, Health health) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(health, "health");
        // one change at a time, queued before the next is looked at: the channels get them in the order they happened
        synchronized (last) {
            HealthState before = last.put(connection, health.state());
            boolean worthIt = before == null ? Alert.bad(health.state()) : health.state().alertsAfter(before);
            if (!worthIt) {
                return null;
            }
            Alert alert = new Alert(connection, before, health, clock.instant(), dashboard);
            LOG.info("{}", AlertText.title(alert));
            for (Lane lane : lanes) {
                if (!lane.sender().isShutdown()) {
                    lane.sender().execute(() -> deliver(lane.channel(), alert)); // never blocks: a full queue drops
                }
            }
            return alert;
        }
    }

    private void deliver(AlertChannel channel, Alert alert) {
        Exception failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                channel.send(alert);
                LOG.debug("alert for '{}' ({}) sent by {}", alert.connection(), alert.state().code(), channel.name());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            } catch (Exception e) {
                failure = e;
                LOG.debug("alert for '{}' by {}: try {} of {} failed: {}", alert.connection(), channel.name(), attempt,
                        attempts, channel.describe(e));
            }
            if (attempt < attempts) {
                try {
                    sleeper.sleep(backoff.delay(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.warn("could not send the alert that connection '{}' is {} by {} ({} tries): {}", alert.connection(),
                alert.state().code(), channel.name(), attempts, channel.describe(failure));
    }

    /** Lets queued alerts go out for at most {@link #CLOSE_GRACE}, then stops the senders. */
    @Override
    public void close() {
        lanes.forEach(l -> l.sender().shutdown());
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        for (Lane lane : lanes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !lane.sender().awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    lane.sender().shutdownNow();
                }
            } catch (InterruptedException e) {
                lane.sender().shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
