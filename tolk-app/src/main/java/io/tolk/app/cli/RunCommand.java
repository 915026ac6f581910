package io.tolk.app.cli;

import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.ConnectionFolder;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.wiring.Mappings;
import io.tolk.app.wiring.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.time.Clock;
import java.time.ZoneId;
import io.tolk.app.UsageException;
import io.tolk.app.cluster.ClusterPool;
import io.tolk.app.cluster.ClusterScheduler;
import io.tolk.app.cluster.SharedChannels;
import io.tolk.app.service.NotificationChannels;
import io.tolk.app.service.LocalScheduler;
import io.tolk.app.wiring.EngineSession;
import io.tolk.store.StoreUrl;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tolk run}: the long-running service over every connection of tolk.yaml ({@link ServiceHost}), with the
 * dashboard, the admin API, {@code /metrics} and {@code /webhooks/zoho} on {@code server.port} (loopback unless
 * {@code server.bind} says otherwise, then only with {@code server.token}). A signal stops it cleanly: the cycles in progress send nothing more and record what they
 * sent.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Long-running service: scheduled cycles for every connection, a dashboard and an admin API.",
                "Syncs each connection every sync.interval, each on its own (a slow or failing connection delays no",
                "other), takes Zoho notifications when server.publicUrl is set, and serves the dashboard, /api,",
                "/metrics and /webhooks/zoho on server.port (with server.token, 'Authorization: Bearer <token>').",
                "Ctrl-C or SIGTERM stops it cleanly (exit 130 or 143)."})
public final class RunCommand extends EngineCommand {

    @Option(names = "--cluster", description = {"Run as one worker of a cluster: several tolk run --cluster on one",
            "PostgreSQL store divide the connections between them (db-scheduler); needs a PostgreSQL store."})
    boolean cluster;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = {"With --cluster: how long a worker's claims last without a heartbeat; a dead worker's",
                    "connections are taken over within about two leases (default 30s, at least 4s)."})
    Duration lease;

    @Option(names = "--worker", paramLabel = "NAME", description = "With --cluster: this worker's name (default host/pid).")
    String worker;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "With --cluster: how many connections this worker syncs at once (default 8).")
    int threads;

    @Override
    public Integer call() {
        TolkConfig tolk = config.connectionName() == null ? config.loadTolerant(root.context()) : config.load(root.context());
        if (cluster && tolk.storeUrl().vendor() != StoreUrl.Vendor.POSTGRESQL) {
            throw new UsageException("--cluster needs a PostgreSQL store (store: jdbc:postgresql://HOST/DATABASE): the"
                    + " workers share their schedule and claims through it, and " + tolk.storeUrl().display()
                    + " is a file one machine writes");
        }
        if (cluster && lease.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new UsageException("--lease " + lease.toSeconds() + "s is too short; at least 4s (a worker sends a"
                    + " heartbeat every quarter of it)");
        }
        root.context().stopsCleanly();
        Clock clock = root.context().clock();
        CycleLines lines = new CycleLines(out(), clock, ZoneId.systemDefault(), 20);
        List<ConnectionConfig> usable = new ArrayList<>();
        for (ConnectionFolder.Broken b : tolk.broken()) {
            err().println("tolk: connection '" + b.name() + "' left out: " + b.error().getMessage());
        }
        for (ConnectionConfig c : config.connectionName() == null ? tolk.connections() : List.of(config.connection(tolk))) {
            try {
                Mappings.mapping(c);
                usable.add(c);
            } catch (RuntimeException e) {
                if (tolk.connectionsFolder() == null) {
                    throw e;   // one tolk.yaml: its mistake is the whole config's
                }
                err().println("tolk: connection '" + c.name() + "' left out: " + e.getMessage());
            }
        }
        err().flush();
        Supplier<TolkConfig> reload = config.connectionName() == null ? () -> config.loadTolerant(root.context()) : null;
        ClusterPool pool = cluster ? ClusterPool.open(tolk.storeUrl(), threads) : null;
        io.tolk.app.cluster.StoreCallLeases callLeases = null;
        if (pool != null) {   // budgets that span connections: one for all the workers, in the store
            io.tolk.api.http.RateLimiter.shareAcrossProcesses(new io.tolk.app.cluster.StoreRateSlots(pool.dataSource()));
            io.tolk.zoho.ZohoConnector.shareCreditsAcrossProcesses(new io.tolk.app.cluster.StoreCreditLedger(pool.dataSource()));
            callLeases = new io.tolk.app.cluster.StoreCallLeases(pool.dataSource(), lease);
            io.tolk.api.http.ConcurrencyLimiter.shareAcrossProcesses(callLeases);
        }
        String name = worker != null ? worker : io.tolk.app.cluster.WorkerNames.ofThisProcess();
        try (ClusterPool closesPool = pool;
             io.tolk.app.cluster.StoreCallLeases stopsRenewing = callLeases;
             Sessions sessions = openAll(tolk, usable, false);
             ServiceHost host = ServiceHost.start(cluster ? leased(sessions.all()) : sessions.all(), sessions.store(), tolk,
                     tolk.server(), false, clock, root.context()::stopRequested, lines, reload,
                     tolk.server().connectionsPoll(), cluster
                             ? new ClusterScheduler(pool.dataSource(), name, lease, clock, ServiceHost.STOP_GRACE, threads)
                             : new LocalScheduler(clock),
                     cluster ? (service, publicUrl, log) -> SharedChannels.attach(service, pool.dataSource(), name,
                             publicUrl, clock, NotificationChannels.LIFETIME, log) : ServiceHost.local(clock))) {
            if (cluster) {
                out().println("tolk run --cluster: worker " + name + " (lease " + lease.toSeconds() + " s, up to "
                        + threads + " connections at once) on " + tolk.storeUrl().display());
            }
            out().println("tolk run: " + sessions.all().size() + " connection(s), each synced on its own schedule;"
                    + " dashboard " + host.url() + "/  (API " + host.url() + "/api/status, metrics " + host.url()
                    + "/metrics)");
            if (tolk.connectionsFolder() != null) {
                out().println("Connections are the files of " + tolk.connectionsFolder() + "; files added, changed or"
                        + " removed there are applied within " + Math.max(1, tolk.server().connectionsPoll().toSeconds()) + " s.");
            }
            if (tolk.server().publicUrl() == null) {
                out().println("Zoho notifications are off (no server.publicUrl): changes are found by polling.");
            }
            out().println("Stop with Ctrl-C (the cycles in progress record what they wrote, then tolk exits).");
            out().flush();
            root.context().awaitStop();
            out().println("tolk run: stopping; the cycles in progress finish their calls in flight and record them.");
            out().flush();
            boolean ended = host.stop();
            out().println(ended ? "tolk run stopped." : "tolk run stopped; a cycle did not end within "
                    + ServiceHost.STOP_GRACE.toSeconds() + " s (the next run settles what it sent).");
            out().flush();
            return 0;
        }
    }

    /** In a cluster a connection's cycle lock lasts one lease, so a worker taking a connection over is not held up. */
    private List<EngineSession> leased(List<EngineSession> sessions) {
        sessions.forEach(s -> s.engine().lockLease(lease));
        return sessions;
    }
}
