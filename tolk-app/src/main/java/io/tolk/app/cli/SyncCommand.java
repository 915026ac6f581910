package io.tolk.app.cli;

import io.tolk.api.ConnectorException;
import io.tolk.app.config.Durations;
import io.tolk.app.ExitCodes;
import io.tolk.app.wiring.EngineSession;
import io.tolk.app.wiring.Sessions;
import io.tolk.engine.EngineBusyException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tolk sync [--once]}: sync cycles, each ending with a one-screen summary. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Runs sync cycles (with --once exactly one).",
                "Runs a cycle every sync.interval until stopped (Ctrl-C); with --once exactly one cycle.",
                "Each cycle ends with a summary: read, created, updated, linked, failed, conflicts, API calls.",
                "With several connections in tolk.yaml, every one of them is synced unless --connection names one.",
                "Exit code with --once: 0 all well, 1 some records failed, 2 bad config, 3 a system unreachable or",
                "credentials refused, 4 an internal error or a store that failed (see 'tolk --help')."})
public final class SyncCommand extends EngineCommand {

    @Option(names = "--once", description = "Run exactly one cycle, then exit.")
    boolean once;

    @Option(names = "--confirm-deletes",
            description = "Allow this run to propagate more deletions than sync.maxDeletesPerCycle.")
    boolean confirmDeletes;

    @Override
    public Integer call() {
        root.context().stopsCleanly();
        try (Sessions sessions = openAll(confirmDeletes)) {
            if (once) {
                int worst = ExitCodes.OK;
                for (EngineSession session : sessions.all()) {
                    if (!root.context().stopRequested()) {
                        worst = worse(worst, sessions.all().size() == 1 ? cycle(session) : guarded(session));
                    }
                }
                return worst;
            }
            Duration interval = sessions.all().stream().map(s -> s.connection().sync().interval())
                    .min(Duration::compareTo).orElseThrow();
            int last;
            do {
                last = ExitCodes.OK;
                for (EngineSession session : sessions.all()) {
                    if (!root.context().stopRequested()) {
                        last = worse(last, guarded(session));
                    }
                }
                if (root.context().stopRequested()) {
                    break;
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

    /** A cycle whose failure as a whole is reported and does not stop the other connections or later cycles. */
    private int guarded(EngineSession session) {
        try {
            return cycle(session);
        } catch (ConnectorException | EngineBusyException e) {
            err().println("tolk: connection '" + session.connection().name() + "': " + ErrorHandler.describe(e));
            err().flush();
            return ErrorHandler.exitCode(e);
        }
    }

    /** 3 (unreachable) over 1 (records failed) over 0. */
    static int worse(int a, int b) {
        if (a == ExitCodes.UNAVAILABLE || b == ExitCodes.UNAVAILABLE) {
            return ExitCodes.UNAVAILABLE;
        }
        return Math.max(a, b);
    }
}
