package io.tolk.app.cli;

import io.tolk.api.RecordRef;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.cycle.Reread;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tolk resync RECORD [--later]}. */
@Command(name = "resync", mixinStandardHelpOptions = true,
        description = {"Reads one record and its partner again from the systems, then runs one cycle.",
                "The fresh values are applied even where a system did not report them as changed,",
                "e.g. tolk resync zoho/Accounts/456 or tolk resync poweroffice/CompanyCustomer/123.",
                "Its failures are retried at once."})
public final class ResyncCommand extends EngineCommand {

    @Parameters(paramLabel = "RECORD", description = "system/TYPE/ID")
    String record;

    @Option(names = "--later", description = "Only read them again; the next cycle applies what was read.")
    boolean later;

    @Override
    public Integer call() {
        RecordRef ref = ref(record);
        try (EngineSession session = open()) {
            Reread.Result result = decide(() -> session.engine().resync(ref));
            if (!result.staged().isEmpty()) {
                out().println("Read again from the systems: " + result.staged().stream().map(RecordRef::toString)
                        .collect(Collectors.joining(", ")) + ".");
            }
            for (RecordRef missing : result.missing()) {
                out().println(missing + " was not found in " + missing.system()
                        + "; the next cycle checks whether it was deleted.");
            }
            out().println(later ? "The next cycle applies what was read." : "Applying it now.");
            out().flush();
            return later ? 0 : new SyncCommandRunner(this).cycle(session);
        }
    }
}
