package io.tolk.app.cli;

import io.tolk.app.UsageException;
import io.tolk.app.config.TolkConfig;
import io.tolk.store.SqliteBackup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tolk backup FILE}: a consistent copy of the SQLite store, also while the service runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copies the SQLite store to FILE, consistent as of one moment, while tolk keeps",
                "running. FILE must not exist; it is created readable by you only (0600).",
                "A PostgreSQL store is backed up with pg_dump instead (exit code 2)."})
public final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "FILE", description = "The new file, e.g. tolk-2026-12-03.db.")
    Path file;

    @Override
    public Integer call() {
        TolkConfig tolk = config.loadLenient(root.context())
                .orElseThrow(() -> new UsageException(ConfigOptions.noConfigMessage()));
        Path target = root.context().workDir().resolve(file);
        SqliteBackup.Copy copy = SqliteBackup.copy(tolk.storeUrl(), target);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Backed up " + tolk.storeUrl().display() + " to " + file + " ("
                + String.format(Locale.ROOT, "%.1f", copy.bytes() / 1_048_576.0) + " MB). To restore it, stop tolk and"
                + " put the copy in the store's place.");
        out.flush();
        return 0;
    }
}
