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
import picocli.CommandLine.Command;

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

    @Override
    public Integer call() {
        TolkConfig tolk = config.connectionName() == null ? config.loadTolerant(root.context()) : config.load(root.context());
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
        try (Sessions sessions = openAll(tolk, usable, false);
             ServiceHost host = ServiceHost.start(sessions.all(), sessions.store(), tolk, tolk.server(), false, clock,
                     root.context()::stopRequested, lines, reload, tolk.server().connectionsPoll())) {
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
}
