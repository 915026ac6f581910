package io.tolk.app.cli;

import io.tolk.api.RecordRef;
import io.tolk.app.UsageException;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.ReviewEntry;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.ReviewOrigin;
import java.util.stream.Collectors;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tolk link [POWEROFFICE_RECORD ZOHO_RECORD]}, {@code tolk link --create RECORD}. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Links two records by hand; without arguments lists those waiting for review.",
                "Without arguments: lists the records waiting for review (tolk found several candidates), with",
                "their names, and under each candidate (a record of the other system) the command that links it.",
                "With two records: links them as the same thing, e.g.",
                "  tolk link poweroffice/CompanyCustomer/123 zoho/Accounts/4560000001",
                "The next cycle merges them (an empty value never overwrites a filled one).",
                "With --create and one record: the next cycle creates its partner in the other system instead of",
                "linking it to a candidate, e.g. tolk link --create poweroffice/CompanyCustomer/123"})
public final class LinkCommand extends EngineCommand {

    @Parameters(paramLabel = "RECORD", arity = "0..2", description = "poweroffice/TYPE/ID then zoho/TYPE/ID")
    List<String> records;

    @Option(names = "--create", description = "create the one record's partner instead of linking it to a candidate")
    boolean create;

    @Override
    public Integer call() {
        try (EngineSession session = records == null || records.isEmpty() ? openReadOnly() : open()) {
            if (records == null || records.isEmpty()) {
                printQueue(session.engine().reviewEntries());
                return 0;
            }
            if (create) {
                if (records.size() != 1) {
                    throw new UsageException("link --create takes one record, e.g. tolk link --create " + example());
                }
                RecordRef r = ref(records.get(0));
                decide(() -> session.engine().createPartner(r));
                out().println("The next cycle creates the partner of " + r + " instead of linking it to a candidate.");
                out().flush();
                return 0;
            }
            if (records.size() != 2) {
                throw new UsageException("link needs two records: poweroffice/TYPE/ID zoho/TYPE/ID");
            }
            RecordRef po = ref(records.get(0));
            RecordRef zoho = ref(records.get(1));
            decide(() -> {
                session.engine().link(po, zoho);
                return null;
            });
            out().println("Linked " + po + " with " + zoho + "; the next cycle merges them.");
            out().flush();
            return 0;
        }
    }

    /** Each waiting record with its name and reason, and per candidate its name and the command that links it. */
    private void printQueue(List<ReviewEntry> queue) {
        if (queue.isEmpty()) {
            out().println("No records wait for review.");
        } else {
            out().println(queue.size() + " record(s) wait for review; link one with a candidate by running the command"
                    + " shown under it:");
        }
        for (ReviewEntry e : queue) {
            ReviewItem r = e.item();
            out().println("  " + r.record() + named(e.name()) + (r.flowId() == null ? "" : " (" + r.flowId() + ")")
                    + ": " + r.reason());
            if (e.options().isEmpty()) {
                out().println("        no record of another system to link it with");
            }
            if (r.origin() == ReviewOrigin.CREATE) {
                out().println("        its partner is created by the next cycle");
                continue;
            }
            for (ReviewEntry.Option o : e.options()) {
                out().println("        candidate " + o.candidate() + named(o.name()));
                out().println("          tolk link " + o.pair().stream().map(RecordRef::toString)
                        .collect(Collectors.joining(" ")));
            }
            out().println("        or, when it is none of these, create its partner:");
            out().println("          tolk link --create " + r.record());
        }
        out().flush();
    }

    private static String example() {
        return "poweroffice/CompanyCustomer/123";
    }

    private static String named(String name) {
        return name.isEmpty() ? "" : " '" + name + "'";
    }
}
