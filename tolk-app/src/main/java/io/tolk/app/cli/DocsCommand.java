package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tolk docs}. */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "The dataflow QA checklist generated from the mappings.")
public final class DocsCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Override
    public Integer call() {
        throw new UsageException("'tolk docs' is not available yet in this build");
    }
}
