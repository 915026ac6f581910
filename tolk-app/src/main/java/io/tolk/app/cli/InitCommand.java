package io.tolk.app.cli;

import io.tolk.app.UsageException;
import io.tolk.app.config.StarterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tolk init [FILE|-] [--force]}: writes the starter tolk.yaml (pointing at the local simulators) to a file, or
 * to stdout with {@code -}. An existing file is left alone unless {@code --force} is given.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Writes a starter tolk.yaml that points at the local simulators.",
                "To ./tolk.yaml by default, to FILE if given, or to stdout with '-' (tolk init - > my.yaml).",
                "An existing file is not overwritten unless --force is given."})
public final class InitCommand implements Callable<Integer> {

    /** The argument that means "write to stdout". */
    static final String STDOUT = "-";

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", defaultValue = ConfigOptions.DEFAULT_FILE,
            description = "Where to write it (default: ./${DEFAULT-VALUE}); '-' for stdout.")
    String target;

    @Option(names = "--force", description = "Overwrite the file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (STDOUT.equals(target)) {
            out.print(StarterConfig.text());
            out.flush();
            return 0;
        }
        Path file = root.context().workDir().resolve(target);
        write(file);
        out.println("Wrote a starter configuration to " + target + ". It points at the local simulators; start them,");
        out.println("each in its own terminal, then check the setup and run one cycle:");
        out.println("  tolk simulate poweroffice --port 9001");
        out.println("  tolk simulate zoho --port 9002");
        String config = ConfigOptions.DEFAULT_FILE.equals(target) ? "" : " -c " + target;
        out.println("  tolk doctor" + config);
        out.println("  tolk sync --once" + config);
        out.flush();
        return 0;
    }

    private void write(Path file) {
        OpenOption[] options = force
                ? new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                : new OpenOption[]{StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        try {
            Files.writeString(file, StarterConfig.text(), StandardCharsets.UTF_8, options);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(target + " already exists; tolk init leaves it as it is. Use --force to overwrite"
                    + " it, another FILE, or '-' to print the starter configuration.");
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot write " + target + ": the folder " + file.toAbsolutePath().getParent()
                    + " does not exist");
        } catch (IOException e) {
            throw new UsageException("cannot write " + target + ": " + e.getMessage());
        }
    }
}
