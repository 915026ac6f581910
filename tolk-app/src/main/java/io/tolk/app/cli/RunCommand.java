package io.tolk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.UsageException;
import io.tolk.app.config.ServerConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.web.StatusPage;
import io.tolk.app.wiring.EngineSession;
import io.tolk.app.wiring.Sessions;
import io.tolk.engine.cycle.CycleReport;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import picocli.CommandLine.Command;

/**
 * {@code tolk run}: the long-running service. Every connection is synced on its own {@code sync.interval}; a status
 * page and {@code /api/status} are served on {@code server.port} (loopback unless {@code server.bind} says otherwise,
 * then only with {@code server.token}). Stops on Ctrl-C / SIGTERM after the cycle in progress.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Long-running service: scheduled cycles for every connection and a status page.",
                "Syncs each connection every sync.interval and serves a status page at server.port (/ and",
                "/api/status; with server.token, requests need 'Authorization: Bearer <token>'). Ctrl-C stops it."})
public final class RunCommand extends EngineCommand {

    private final Deque<String> recent = new ConcurrentLinkedDeque<>();

    @Override
    public Integer call() throws IOException {
        TolkConfig tolk = config.load(root.context());
        try (Sessions sessions = openAll(false); StatusPage page = page(tolk.server(), sessions)) {
            out().println("tolk run: " + sessions.all().size() + " connection(s); status page " + page.url() + "/");
            out().println("Stop with Ctrl-C.");
            out().flush();
            Map<String, Instant> due = new HashMap<>();
            do {
                Instant now = root.context().clock().instant();
                for (EngineSession session : sessions.all()) {
                    String name = session.connection().name();
                    if (now.isBefore(due.getOrDefault(name, Instant.MIN))) {
                        continue;
                    }
                    log(name + ": " + cycle(session));
                    due.put(name, root.context().clock().instant().plus(session.connection().sync().interval()));
                }
            } while (!root.context().awaitStop(untilNext(due)));
            out().println("tolk run stopped.");
            out().flush();
            return 0;
        }
    }

    private String cycle(EngineSession session) {
        try {
            CycleReport r = session.engine().runCycle();
            Reports.log(session.connection().name(), r);
            return DemoCommand.describe(1, r).replaceFirst("^cycle 1: ", "cycle " + r.runId() + ": ");
        } catch (RuntimeException e) {
            return "cycle failed: " + ErrorHandler.describe(e);
        }
    }

    private long untilNext(Map<String, Instant> due) {
        Instant next = due.values().stream().min(Instant::compareTo).orElse(root.context().clock().instant());
        long millis = Duration.between(root.context().clock().instant(), next).toMillis();
        return Math.max(100, millis);
    }

    private void log(String line) {
        String stamped = root.context().clock().instant().toString() + "  " + line;
        recent.addFirst(stamped);
        while (recent.size() > 20) {
            recent.removeLast();
        }
        out().println(stamped);
        out().flush();
    }

    private StatusPage page(ServerConfig server, Sessions sessions) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try {
            return new StatusPage(server.bind(), server.port(),
                    () -> sessions.all().stream().map(s -> s.engine().status()).toList(),
                    s -> StatusCommand.toJson(mapper, s), () -> new ArrayList<>(recent), Map.of(),
                    server.token() == null ? null : server.token().reveal());
        } catch (BindException e) {
            throw new UsageException("server.port " + server.port() + " on " + server.bind()
                    + " is in use (or the address is not this machine's); change server: in tolk.yaml");
        }
    }
}
