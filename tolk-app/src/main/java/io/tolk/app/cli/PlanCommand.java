package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code tolk plan}. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Dry run: what one cycle would do, without writing anywhere.")
public final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        config.load(root.context());
        throw new UsageException("'tolk plan' is not available yet in this build");
    }
}
