package io.tolk.app.cli;

import io.tolk.api.RecordRef;
import io.tolk.app.UsageException;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.Activity;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tolk history RECORD [--limit N]}: what tolk did with one record and its partner, in plain words. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Shows what happened to one record and its partner, newest first.",
                "What changed in either system and who changed it where Zoho says (field: old -> new),",
                "when it was linked or created, what tolk wrote where (field: old -> new), conflicts it decided,",
                "failures, deletions and review decisions, e.g. tolk history poweroffice/CompanyCustomer/123.",
                "Only reads: it never creates the store and never waits for a running cycle."})
public final class HistoryCommand extends EngineCommand {

    @Parameters(paramLabel = "RECORD", description = "system/TYPE/ID")
    String record;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Show at most N lines (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        RecordRef ref = ref(record);
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, not " + limit);
        }
        try (EngineSession session = openReadOnly()) {
            List<Activity> lines = decide(() -> session.engine().historyWithPartner(ref, limit));
            if (lines.isEmpty()) {
                out().println("Nothing has happened to " + ref + " yet.");
            } else {
                out().println("History of " + ref + " and its partner, newest first:");
                for (Activity a : lines) {
                    out().println("  " + a.at() + "  " + a.record() + "  " + describe(a));
                }
                if (lines.size() == limit) {
                    out().println("  (the newest " + limit + " lines; see more with --limit)");
                }
            }
            out().flush();
            return 0;
        }
    }

    /** One activity line in plain words. */
    static String describe(Activity a) {
        String system = a.record().system();
        String detail = a.detail() == null || a.detail().isBlank() ? "" : a.detail();
        return switch (a.action()) {
            case "created" -> "tolk created it in " + system + (detail.isEmpty() ? "" : " (" + detail + ")");
            case "updated" -> "tolk wrote to " + system + ": " + detail.replace(" -> ", " → ");
            case "changed" -> "changed " + detail.replace(" -> ", " → ");
            case "linked" -> "linked (" + detail + ")";
            case "unlinked" -> "unlinked " + detail + "; it waits for review";
            case "failed" -> "could not be synced: " + detail;
            case "conflict" -> "conflict decided: " + detail;
            case "review" -> "waits for review: " + detail;
            case "restored" -> "restored: " + detail;
            case "archived" -> "tolk archived it in " + system + ": " + detail;
            case "deleted" -> "deleted: " + detail;
            default -> a.action() + (detail.isEmpty() ? "" : ": " + detail);
        };
    }
}
