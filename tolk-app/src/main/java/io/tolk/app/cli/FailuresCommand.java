package io.tolk.app.cli;

import io.tolk.app.ExitCodes;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.Failure;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tolk failures}. */
@Command(name = "failures", mixinStandardHelpOptions = true,
        description = {"Lists the records that failed to sync, with the reason.",
                "Shows per failure its id, the record, the reason, the attempts and the next retry.",
                "Retry them now with 'tolk retry [ID...]'. Exit code 1 when there are failures, 0 when there are none."})
public final class FailuresCommand extends EngineCommand {

    @Override
    public Integer call() {
        try (EngineSession session = openReadOnly()) {
            List<Failure> failures = session.engine().failures();
            if (failures.isEmpty()) {
                out().println("No failed records.");
            } else {
                out().println(failures.size() + " failed record(s):");
                for (Failure f : failures) {
                    out().println("  #" + f.id() + "  " + f.record() + " -> " + f.target() + ": " + f.reason());
                    out().println("        attempts " + f.attempts() + ", first " + f.firstAt() + ", next retry "
                            + (f.nextRetryAt() == null ? "when the record changes" : f.nextRetryAt()));
                }
            }
            out().flush();
            return failures.isEmpty() ? ExitCodes.OK : ExitCodes.RECORDS_FAILED;
        }
    }
}
