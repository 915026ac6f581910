package io.tolk.app.cli;

import io.tolk.app.wiring.EngineSession;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tolk retry [ID...]}. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Retries failed records now (all, or the IDs given).",
                "Makes them due (all of them, or the IDs shown by 'tolk failures')",
                "and runs one cycle. Exit code 1 if records still fail."})
public final class RetryCommand extends EngineCommand {

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Failure ids (default: all).")
    List<Long> ids;

    @Option(names = "--later", description = "Only make them due; the next scheduled cycle retries them.")
    boolean later;

    @Override
    public Integer call() {
        try (EngineSession session = open()) {
            int n = decide(() -> session.engine().retry(ids == null ? List.of() : ids));
            out().println(n + " failed record(s) will be retried" + (later ? " in the next cycle." : " now."));
            out().flush();
            if (later || n == 0) {
                return 0;
            }
            return new SyncCommandRunner(this).cycle(session);
        }
    }
}
