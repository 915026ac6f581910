package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code tolk run}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Long-running service: scheduled cycles, webhooks, admin API, dashboard.")
public final class RunCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        config.load(root.context());
        throw new UsageException("'tolk run' is not available yet in this build");
    }
}
