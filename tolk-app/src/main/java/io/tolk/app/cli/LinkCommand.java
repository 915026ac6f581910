package io.tolk.app.cli;

import io.tolk.api.RecordRef;
import io.tolk.app.UsageException;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.ReviewItem;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tolk link [POWEROFFICE_RECORD ZOHO_RECORD]}. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Links two records by hand; without arguments lists those waiting for review.",
                "Without arguments: lists the records waiting for review (tolk found several candidates).",
                "With two records: links them as the same thing, e.g.",
                "  tolk link poweroffice/CompanyCustomer/123 zoho/Accounts/4560000001",
                "The next cycle merges them (an empty value never overwrites a filled one)."})
public final class LinkCommand extends EngineCommand {

    @Parameters(paramLabel = "RECORD", arity = "0..2", description = "poweroffice/TYPE/ID then zoho/TYPE/ID")
    List<String> records;

    @Override
    public Integer call() {
        try (EngineSession session = records == null || records.isEmpty() ? openReadOnly() : open()) {
            if (records == null || records.isEmpty()) {
                List<ReviewItem> queue = session.engine().reviewQueue();
                if (queue.isEmpty()) {
                    out().println("No records wait for review.");
                }
                for (ReviewItem r : queue) {
                    out().println("  " + r.record() + (r.flowId() == null ? "" : " (" + r.flowId() + ")") + ": "
                            + r.reason());
                    for (RecordRef c : r.candidates()) {
                        out().println("        candidate " + c);
                    }
                }
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
}
