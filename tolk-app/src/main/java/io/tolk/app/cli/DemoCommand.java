package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tolk demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Starts both simulators with sample data, an embedded store, continuous sync and a status page.")
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Override
    public Integer call() {
        throw new UsageException("'tolk demo' is not available yet in this build");
    }
}
