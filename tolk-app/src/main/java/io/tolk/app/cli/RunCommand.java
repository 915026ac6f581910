package io.tolk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.UsageException;
import io.tolk.app.config.ServerConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.web.StatusPage;
import io.tolk.app.wiring.Sessions;
import io.tolk.app.service.LocalScheduler;
import io.tolk.app.service.Service;
import io.tolk.app.service.Upkeep;
import io.tolk.app.alerts.AlertWatcher;
import java.time.Clock;
import java.time.ZoneId;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code tolk run}: the long-running {@link Service} over every connection of tolk.yaml, with a status page and
 * {@code /api/status} on {@code server.port} (loopback unless {@code server.bind} says otherwise, then only with
 * {@code server.token}). A signal stops it cleanly: the cycles in progress send nothing more and record what they
 * sent.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Long-running service: scheduled cycles for every connection and a status page.",
                "Syncs each connection every sync.interval, each on its own (a slow or failing connection delays no",
                "other), and serves a status page at server.port (/ and /api/status; with server.token, requests",
                "need 'Authorization: Bearer <token>'). Ctrl-C or SIGTERM stops it cleanly (exit 130 or 143)."})
public final class RunCommand extends EngineCommand {

    /** How long a stop waits for the cycles in progress to record what they sent. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Override
    public Integer call() throws IOException {
        TolkConfig tolk = config.load(root.context());
        root.context().stopsCleanly();
        Clock clock = root.context().clock();
        CycleLines lines = new CycleLines(out(), clock, ZoneId.systemDefault(), 20);
        try (Sessions sessions = openAll(false);
             Service service = new Service(sessions.all(), new LocalScheduler(clock), clock, root.context()::stopRequested)
                     .listen(lines);
             StatusPage page = page(tolk.server(), service, lines);
             Upkeep upkeep = new Upkeep(service, AlertWatcher.start(tolk.alerts(), tolk.server().publicUrl(), clock),
                     sessions.store(), tolk.housekeeping(), clock, lines::note)) {
            service.listen(upkeep);
            out().println("tolk run: " + sessions.all().size() + " connection(s), each synced on its own schedule;"
                    + " status page " + page.url() + "/");
            out().println("Stop with Ctrl-C (the cycles in progress record what they wrote, then tolk exits).");
            out().flush();
            service.start();
            root.context().awaitStop();
            out().println("tolk run: stopping; the cycles in progress finish their calls in flight and record them.");
            out().flush();
            boolean ended = service.stop(STOP_GRACE);
            out().println(ended ? "tolk run stopped." : "tolk run stopped; a cycle did not end within "
                    + STOP_GRACE.toSeconds() + " s (the next run settles what it sent).");
            out().flush();
            return 0;
        }
    }

    private StatusPage page(ServerConfig server, Service service, CycleLines lines) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try {
            return new StatusPage(server.bind(), server.port(),
                    () -> service.connections().stream().map(c -> service.session(c).engine().status()).toList(),
                    s -> StatusCommand.toJson(mapper, s), lines::recent, Map.of(),
                    server.token() == null ? null : server.token().reveal());
        } catch (BindException e) {
            throw new UsageException("server.port " + server.port() + " on " + server.bind()
                    + " is in use (or the address is not this machine's); change server: in tolk.yaml");
        }
    }
}
