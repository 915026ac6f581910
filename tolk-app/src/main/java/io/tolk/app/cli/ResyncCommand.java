package io.tolk.app.cli;

import io.tolk.api.RecordRef;
import io.tolk.app.wiring.EngineSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tolk resync RECORD}. */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Syncs one record (and its partner) again, then runs one cycle.",
                "tolk examines it again although nothing changed, e.g. tolk resync poweroffice/CompanyCustomer/123."})
public final class ResyncCommand extends EngineCommand {

    @Parameters(paramLabel = "RECORD", description = "system/TYPE/ID")
    String record;

    @Option(names = "--later", description = "Only mark it; the next scheduled cycle picks it up.")
    boolean later;

    @Override
    public Integer call() {
        RecordRef ref = ref(record);
        try (EngineSession session = open()) {
            decide(() -> {
                session.engine().resync(ref);
                return null;
            });
            out().println(ref + " will be synced again" + (later ? " in the next cycle." : " now."));
            out().flush();
            return later ? 0 : new SyncCommandRunner(this).cycle(session);
        }
    }
}
