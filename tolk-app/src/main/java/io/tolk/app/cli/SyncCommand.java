package io.tolk.app.cli;

import io.tolk.api.ConnectorException;
import io.tolk.app.config.Durations;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.EngineBusyException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tolk sync [--once]}: sync cycles, each ending with a one-screen summary. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Runs sync cycles (with --once exactly one).",
                "Runs a cycle every sync.interval until stopped (Ctrl-C); with --once exactly one cycle.",
                "Each cycle ends with a summary: read, created, updated, linked, failed, conflicts, API calls.",
                "Exit code with --once: 0 all well, 1 some records failed, 3 a system unreachable or credentials refused."})
public final class SyncCommand extends EngineCommand {

    @Option(names = "--once", description = "Run exactly one cycle, then exit.")
    boolean once;

    @Option(names = "--confirm-deletes",
            description = "Allow this run to propagate more deletions than sync.maxDeletesPerCycle.")
    boolean confirmDeletes;

    @Override
    public Integer call() {
        try (EngineSession session = open(confirmDeletes)) {
            if (once) {
                return cycle(session);
            }
            Duration interval = session.connection().sync().interval();
            int last;
            do {
                try {
                    last = cycle(session);
                } catch (ConnectorException | EngineBusyException e) {
                    err().println("tolk: " + e.getMessage());
                    err().flush();
                    last = ErrorHandler.exitCode(e);
                }
                out().println("Next cycle in " + Durations.format(interval) + " (Ctrl-C to stop).");
                out().flush();
            } while (!root.context().awaitStop(interval.toMillis()));
            return last;
        }
    }

    private int cycle(EngineSession session) {
        return new SyncCommandRunner(this).cycle(session);
    }
}
