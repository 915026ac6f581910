package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code tolk status}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Per flow: linked, in sync, failing, conflicts, needs review, last cycle, API calls.")
public final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        config.load(root.context());
        throw new UsageException("'tolk status' is not available yet in this build");
    }
}
