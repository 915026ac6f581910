package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code tolk resync}. */
@Command(name = "resync", mixinStandardHelpOptions = true, description = "Syncs one record again from scratch.")
public final class ResyncCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        config.load(root.context());
        throw new UsageException("'tolk resync' is not available yet in this build");
    }
}
