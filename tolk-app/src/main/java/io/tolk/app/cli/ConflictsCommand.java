package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code tolk conflicts}. */
@Command(name = "conflicts", mixinStandardHelpOptions = true, description = "Conflicts resolved, with winning and losing values.")
public final class ConflictsCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        config.load(root.context());
        throw new UsageException("'tolk conflicts' is not available yet in this build");
    }
}
