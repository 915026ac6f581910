package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code tolk sync}. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Runs sync cycles (with --once exactly one cycle).")
public final class SyncCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Mixin
    ConfigOptions config;

    @picocli.CommandLine.Option(names = "--once", description = "Run exactly one cycle, then exit.")
    boolean once;

    @Override
    public Integer call() {
        config.load(root.context());
        throw new UsageException("'tolk sync' is not available yet in this build");
    }
}
