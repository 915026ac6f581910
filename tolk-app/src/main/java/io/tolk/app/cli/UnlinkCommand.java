package io.tolk.app.cli;

import io.tolk.api.RecordRef;
import io.tolk.app.wiring.EngineSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tolk unlink RECORD}. */
@Command(name = "unlink", mixinStandardHelpOptions = true,
        description = {"Separates a record from its partner.",
                "Example: tolk unlink zoho/Accounts/4560000001.",
                "Both then wait for review (neither is matched, linked or created again) until 'tolk link' decides."})
public final class UnlinkCommand extends EngineCommand {

    @Parameters(paramLabel = "RECORD", description = "system/TYPE/ID of either record of the link")
    String record;

    @Override
    public Integer call() {
        RecordRef ref = ref(record);
        try (EngineSession session = open()) {
            decide(() -> {
                session.engine().unlink(ref);
                return null;
            });
            out().println("Unlinked " + ref + "; it and its former partner now wait for review ('tolk link').");
            out().flush();
            return 0;
        }
    }
}
