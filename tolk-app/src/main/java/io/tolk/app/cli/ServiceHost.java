package io.tolk.app.cli;

import io.tolk.app.alerts.AlertWatcher;
import io.tolk.app.config.ServerConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.service.LocalScheduler;
import io.tolk.app.service.CallbackChannels;
import io.tolk.app.service.NotificationChannels;
import io.tolk.app.service.Service;
import io.tolk.app.service.ServiceMetrics;
import io.tolk.app.service.Upkeep;
import io.tolk.app.web.AdminServer;
import io.tolk.app.web.WebhookReceiver;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.StopSignal;
import io.tolk.engine.store.Store;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pieces of a running service, started and stopped in order: the {@link Service} over the sessions, its log lines,
 * metrics and upkeep (alerts, housekeeping), the admin server (dashboard, API, {@code /metrics},
 * {@code /webhooks/zoho}) and, when there is an address the systems can call back, the notification channels.
 * {@code tolk run} and {@code tolk demo} are this with different sessions and settings.
 */
final class ServiceHost implements AutoCloseable {

    /**
     * How long a stop waits for the cycles in progress to record what they sent, so that tolk exits within 5 s of a
     * signal; a cycle still waiting on an answer after that is settled by the next run, as after a crash.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(4);

    private final Service service;
    private final Upkeep upkeep;
    private final AdminServer server;
    private final CallbackChannels channels;
    private final ConnectionsWatcher watcher;
    private boolean stopped;
    private boolean ended = true;

    private ServiceHost(Service service, Upkeep upkeep, AdminServer server, CallbackChannels channels,
                        ConnectionsWatcher watcher) {
        this.service = service;
        this.upkeep = upkeep;
        this.server = server;
        this.channels = channels;
        this.watcher = watcher;
    }

    /**
     * Starts everything; the cycles begin at once.
     *
     * @param callbackBase where the systems call back: {@code server.publicUrl} for {@code tolk run}, the server's own
     *                     loopback address for the demo; {@code null}: no notifications, polling only
     */
    static ServiceHost start(List<EngineSession> sessions, Store store, TolkConfig config, ServerConfig serverConfig,
                             boolean callbackOnLoopback, Clock clock, StopSignal stop, CycleLines lines) {
        return start(sessions, store, config, serverConfig, callbackOnLoopback, clock, stop, lines, null,
                ConnectionsWatcher.EVERY, new LocalScheduler(clock), local(clock));
    }

    /**
     * @param reload reads tolk.yaml again, for a config whose connections are a folder: its files are then watched and
     *               connections added, removed and changed while running ({@link ConnectionsWatcher}); {@code null}:
     *               the connections stay as they are
     * @param every  how often the folder is looked at
     * @param scheduler when cycles run: in this process ({@link LocalScheduler}) or shared by a cluster
     * @param channelsOf the notification channels: this process's ({@link #local}) or a cluster's
     */
    static ServiceHost start(List<EngineSession> sessions, Store store, TolkConfig config, ServerConfig serverConfig,
                             boolean callbackOnLoopback, Clock clock, StopSignal stop, CycleLines lines,
                             java.util.function.Supplier<TolkConfig> reload, Duration every,
                             io.tolk.app.service.CycleScheduler scheduler, CallbackChannels.Factory channelsOf) {
        Service service = new Service(sessions, scheduler, clock, stop, ErrorHandler::describe).listen(lines);
        ServiceMetrics metrics = new ServiceMetrics(service, clock);
        service.listen(metrics);
        Upkeep upkeep = new Upkeep(service, AlertWatcher.start(config.alerts(), serverConfig.publicUrl(), clock), store,
                config.housekeeping(), clock, lines::note);
        service.listen(upkeep);
        AtomicReference<CallbackChannels> channels = new AtomicReference<>();
        WebhookReceiver webhooks = (headers, body) -> {
            CallbackChannels c = channels.get();
            return c == null ? 404 : c.receive(body.getBytes(StandardCharsets.UTF_8));
        };
        AdminServer server;
        try {
            server = AdminServer.start(service, serverConfig, metrics::scrape, webhooks, clock);
        } catch (RuntimeException e) {
            upkeep.close();
            service.close();
            throw e;
        }
        URI callbacks = serverConfig.publicUrl() != null ? serverConfig.publicUrl()
                : callbackOnLoopback ? URI.create(server.url()) : null;
        CallbackChannels opened = callbacks == null ? null : channelsOf.of(service, callbacks, lines::note);
        service.start();
        if (opened != null) {
            channels.set(opened);
            opened.open();
        }
        ConnectionsWatcher watcher = reload == null || config.connectionsFolder() == null ? null
                : new ConnectionsWatcher(config, reload, service, store, clock, lines::note, channels::get).start(every);
        return new ServiceHost(service, upkeep, server, opened, watcher);
    }

    /** The channels of one process ({@link NotificationChannels}), closed when it stops. */
    static CallbackChannels.Factory local(Clock clock) {
        return (service, publicUrl, log) -> new NotificationChannels(service, publicUrl, clock,
                NotificationChannels.LIFETIME, log);
    }

    /** The dashboard's address. */
    String url() {
        return server.url();
    }

    /**
     * Stops: no new cycles, the ones in progress send nothing more and record what they sent (up to
     * {@link #STOP_GRACE}), the notification channels are closed, then the server and the upkeep. Returns whether
     * every cycle ended in time.
     */
    synchronized boolean stop() {
        if (stopped) {
            return ended;
        }
        stopped = true;
        ended = service.stop(STOP_GRACE);
        if (channels != null) {
            channels.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        server.close();
        upkeep.close();
        return ended;
    }

    /** {@link #stop}: a cycle that has not ended within {@link #STOP_GRACE} is not waited for any longer. */
    @Override
    public void close() {
        stop();
    }
}
