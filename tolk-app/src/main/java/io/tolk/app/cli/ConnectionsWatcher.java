package io.tolk.app.cli;

import io.tolk.app.config.ConfigException;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.ConnectionFolder;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.service.CallbackChannels;
import io.tolk.app.service.Service;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the connections {@code tolk run} serves equal to the files of the connections folder, without a restart: it
 * looks at the folder every {@link #EVERY} (the files' contents, by fingerprint), and when a file was added it checks
 * it and serves the connection; removed, it stops serving it (its cycle in progress records what it sent); changed, it
 * does both. A file that does not check is told (file, key, line) and left out; the other connections are not touched.
 * A change to tolk.yaml itself (the store, the server) is not applied while running: it needs a restart, and is told.
 */
final class ConnectionsWatcher implements AutoCloseable {

    /** How often the folder is looked at unless {@code server.connectionsPoll} says otherwise. */
    static final Duration EVERY = io.tolk.app.config.ServerConfig.DEFAULT_CONNECTIONS_POLL;
    /** How long a removed connection's cycle in progress is waited for. */
    static final Duration REMOVE_GRACE = Duration.ofSeconds(30);

    private final Path folder;
    private final Supplier<TolkConfig> reload;
    private final Service service;
    private final Store store;
    private final Clock clock;
    private final Consumer<String> log;
    private final Supplier<CallbackChannels> channels;
    private final Map<String, EngineSession> opened = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tolk-connections-folder");
        t.setDaemon(true);
        return t;
    });
    private Map<String, String> seen;
    private String lastProblem;

    /**
     * @param served   the config the service was started with (its folder's files are taken as served)
     * @param reload   reads tolk.yaml and the folder again (a {@link ConfigException} when tolk.yaml itself is broken)
     * @param channels the notification channels, or a supplier of {@code null} when notifications are off
     */
    ConnectionsWatcher(TolkConfig served, Supplier<TolkConfig> reload, Service service, Store store, Clock clock,
                       Consumer<String> log, Supplier<CallbackChannels> channels) {
        this.folder = Objects.requireNonNull(served.connectionsFolder(), "connectionsFolder");
        this.reload = reload;
        this.service = service;
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.channels = channels;
        this.seen = ConnectionFolder.fingerprints(folder);
    }

    /** Looks at the folder every {@code every} from now on. */
    ConnectionsWatcher start(Duration every) {
        timer.scheduleWithFixedDelay(this::lookSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            log.accept("connections folder " + folder + ": " + e.getMessage() + "; looking again soon");
        }
    }

    /** Applies what changed in the folder since the last look. */
    synchronized void look() {
        Map<String, String> now = ConnectionFolder.fingerprints(folder);
        if (now.equals(seen)) {
            return;
        }
        TolkConfig config;
        try {
            config = reload.get();
        } catch (ConfigException e) {
            if (!e.getMessage().equals(lastProblem)) {
                log.accept("the connections folder changed, but tolk.yaml does not check now, so nothing was applied: "
                        + e.getMessage());
                lastProblem = e.getMessage();
            }
            return;
        }
        lastProblem = null;
        Map<String, ConnectionConfig> usable = new LinkedHashMap<>();
        config.connections().forEach(c -> usable.put(c.name(), c));
        Map<String, ConnectionFolder.Broken> broken = new LinkedHashMap<>();
        config.broken().forEach(b -> broken.put(b.name(), b));
        Set<String> names = new LinkedHashSet<>(seen.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            String before = seen.get(name);
            String after = now.get(name);
            if (Objects.equals(before, after)) {
                continue;
            }
            boolean served = service.connections().contains(name);
            if (served) {
                stopServing(name, after == null ? "its file was removed" : "its file changed");
            }
            if (after == null) {
                continue;
            }
            if (broken.containsKey(name)) {
                log.accept("connection '" + name + "' left out: " + broken.get(name).error().getMessage());
            } else if (usable.containsKey(name)) {
                serve(usable.get(name), served);
            }
        }
        seen = now;
    }

    private void stopServing(String name, String why) {
        CallbackChannels ch = channels.get();
        if (ch != null) {
            ch.close(name);
        }
        service.remove(name, REMOVE_GRACE).ifPresent(EngineSession::close);
        opened.remove(name);
        log.accept("connection '" + name + "' no longer served: " + why);
    }

    private void serve(ConnectionConfig connection, boolean again) {
        EngineSession session;
        try {
            session = EngineSession.open(store, connection, clock, false);
        } catch (RuntimeException e) {
            log.accept("connection '" + connection.name() + "' left out: " + e.getMessage());
            return;
        }
        opened.put(connection.name(), session);
        service.add(session);
        CallbackChannels ch = channels.get();
        if (ch != null) {
            ch.open(connection.name());
        }
        log.accept("connection '" + connection.name() + "' " + (again ? "served again with its changed file" : "added")
                + "; its first cycle starts now");
    }

    /** Stops looking; closes the sessions it opened (call after the service stopped). */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        opened.values().forEach(EngineSession::close);
        opened.clear();
    }
}
