package io.tolk.app.cli;

import io.tolk.app.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tolk doctor}. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Checks config, credentials, reachability and the mappings.")
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Override
    public Integer call() {
        throw new UsageException("'tolk doctor' is not available yet in this build");
    }
}
