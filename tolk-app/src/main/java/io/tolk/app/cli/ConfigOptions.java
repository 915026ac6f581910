package io.tolk.app.cli;

import io.tolk.app.AppContext;
import io.tolk.app.UsageException;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.TolkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -c FILE} and {@code --connection NAME}, shared by every command that reads tolk.yaml. Both are inherited by
 * the command's own subcommands, so they may come before or after a subcommand and its arguments alike
 * ({@code tolk conflicts -c FILE restore 49} and {@code tolk conflicts restore 49 -c FILE}).
 */
public final class ConfigOptions {

    /** Looked for in the working directory when {@code -c} is not given. */
    public static final String DEFAULT_FILE = "tolk.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The configuration file (default: ./tolk.yaml).")
    Path file;

    @Option(names = "--connection", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Which connection of the file (needed only when it has several).")
    String connection;

    /** The file to read: the {@code -c} one, else ./tolk.yaml if it exists. */
    public Optional<Path> file(AppContext context) {
        if (file != null) {
            return Optional.of(context.workDir().resolve(file));
        }
        Path fallback = context.workDir().resolve(DEFAULT_FILE);
        return Files.exists(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /**
     * The checked config; without a file, a usage error saying there is none and how to make one. A broken file in the
     * connections folder is the config's mistake (exit 2) unless {@code --connection} chose another connection.
     */
    public TolkConfig load(AppContext context) {
        TolkConfig config = loadTolerant(context);
        if (!config.broken().isEmpty() && (connection == null
                || config.broken().stream().anyMatch(b -> b.name().equals(connection)))) {
            throw config.broken().stream().filter(b -> connection == null || b.name().equals(connection)).findFirst()
                    .orElseThrow().error();
        }
        return config;
    }

    /**
     * The checked config, with the connections folder's broken files left out and listed in {@link TolkConfig#broken}
     * (for {@code tolk run} and {@code tolk status}, which go on with the other connections).
     */
    public TolkConfig loadTolerant(AppContext context) {
        Path path = file(context).orElseThrow(() -> new UsageException(noConfigMessage()));
        return new ConfigLoader(context.envLookup()).load(display(context, path), false);
    }

    /** For commands that never connect: unset credentials tolerated; empty when there is no file. */
    public Optional<TolkConfig> loadLenient(AppContext context) {
        return file(context).map(p -> new ConfigLoader(context.envLookup()).load(display(context, p), true));
    }

    /** The chosen connection. */
    public ConnectionConfig connection(TolkConfig config) {
        return config.select(connection);
    }

    public String connectionName() {
        return connection;
    }

    /** Relative paths stay relative in messages (shorter), but are resolved against the working directory. */
    private static Path display(AppContext context, Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return context.workDir().equals(cwd) ? cwd.relativize(path.toAbsolutePath()) : path;
    }

    static String noConfigMessage() {
        return "no configuration: there is no ./tolk.yaml and no -c FILE was given. Run 'tolk init' to write a starter"
                + " tolk.yaml (it points at the local simulators), or 'tolk demo' to try tolk without one.";
    }
}
