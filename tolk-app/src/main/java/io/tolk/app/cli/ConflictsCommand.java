package io.tolk.app.cli;

import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.ConflictEntry;
import io.tolk.engine.store.Conflict;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tolk conflicts [--limit N]} and {@code tolk conflicts restore ID}. */
@Command(name = "conflicts", mixinStandardHelpOptions = true,
        description = {"Lists the conflicts tolk decided, with winning and losing values.",
                "Newest first, each with both records (system/type/id) it was about.",
                "'tolk conflicts restore ID' brings the losing value back: the next cycle writes it to both systems."},
        subcommands = ConflictsCommand.Restore.class)
public final class ConflictsCommand extends EngineCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Show at most N (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--restore", paramLabel = "ID",
            description = "Restore this conflict's losing value (same as 'tolk conflicts restore ID').")
    Long restore;

    @Override
    public Integer call() {
        if (restore != null) {
            return restore(this, restore);
        }
        try (EngineSession session = openReadOnly()) {
            List<ConflictEntry> conflicts = session.engine().conflictEntries(limit);
            if (conflicts.isEmpty()) {
                out().println("No conflicts.");
            }
            for (ConflictEntry e : conflicts) {
                Conflict c = e.conflict();
                out().println("  #" + c.id() + "  " + c.at() + "  " + (c.flowId() == null ? "" : c.flowId() + " ")
                        + c.property() + (c.restored() ? "  (restored)" : ""));
                out().println("        kept " + c.winnerSide() + " " + quote(c.winnerValue()) + ", replaced "
                        + c.loserSide() + " " + quote(c.loserValue()) + (c.reason() == null ? "" : " — " + c.reason()));
                out().println("        records: " + (e.winner().isEmpty() && e.loser().isEmpty() ? "no longer linked"
                        : e.winner().map(Object::toString).orElse(c.winnerSide() + " (no longer linked)") + " (kept), "
                        + e.loser().map(Object::toString).orElse(c.loserSide() + " (no longer linked)") + " (replaced)"));
            }
            out().flush();
            return 0;
        }
    }

    static int restore(ConflictsCommand command, long id) {
        try (EngineSession session = command.open()) {
            Conflict c = decide(() -> session.engine().restoreConflict(id));
            command.out().println("Conflict #" + c.id() + ": " + c.property() + " will be set back to "
                    + quote(c.loserValue()) + " in the next cycle.");
            command.out().flush();
            return 0;
        }
    }

    static String quote(String v) {
        return v == null ? "(empty)" : "'" + v + "'";
    }

    /** {@code tolk conflicts restore ID}. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restores a conflict's losing value; the next cycle writes it to both systems.")
    static final class Restore implements java.util.concurrent.Callable<Integer> {

        @picocli.CommandLine.ParentCommand
        ConflictsCommand parent;

        @Parameters(paramLabel = "ID", description = "The conflict id from 'tolk conflicts'.")
        long id;

        @Override
        public Integer call() {
            return restore(parent, id);
        }
    }
}
