package io.tolk.app.cli;

import io.tolk.app.UsageException;
import io.tolk.app.config.Durations;
import io.tolk.app.config.HousekeepingConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.housekeeping.Housekeeping;
import io.tolk.engine.store.Pruned;
import io.tolk.engine.store.Store;
import io.tolk.store.JdbcStore;
import io.tolk.store.StoreUrl;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tolk prune [--dry-run]}: housekeeping from a shell or cron, by the {@code housekeeping:} settings. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Removes history older than housekeeping: keeps (runs, history lines, restored",
                "conflicts, finished create intents). Never what a retry, a review item, an open",
                "conflict or a pending create still needs. Safe while 'tolk run' or 'tolk sync' runs."})
public final class PruneCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--dry-run", description = "Only count what would be removed.")
    boolean dryRun;

    @Override
    public Integer call() {
        TolkConfig tolk = config.loadLenient(root.context())
                .orElseThrow(() -> new UsageException(ConfigOptions.noConfigMessage()));
        PrintWriter out = spec.commandLine().getOut();
        StoreUrl url = tolk.storeUrl();
        if (url.vendor() == StoreUrl.Vendor.SQLITE && url.file() != null && !Files.exists(url.file())) {
            out.println("Nothing to prune: the store " + url.display() + " does not exist yet.");
            out.flush();
            return 0;
        }
        HousekeepingConfig settings = tolk.housekeeping();
        try (Store store = dryRun ? JdbcStore.openReadOnly(url, root.context().clock())
                : JdbcStore.open(url, root.context().clock())) {
            List<String> names = config.connectionName() == null ? store.connections()
                    : List.of(config.connection(tolk).name());
            Housekeeping.Report report = Housekeeping.run(store, names, settings, root.context().clock(),
                    dryRun ? Housekeeping.Mode.DRY_RUN : Housekeeping.Mode.PRUNE);
            out.println("Housekeeping (keepRuns " + age(settings.keepRuns()) + ", keepActivity "
                    + age(settings.keepActivity()) + ", keepVersions "
                    + (settings.keepVersions() == 0 ? "all" : settings.keepVersions()) + ")" + (dryRun ? ", dry run:" : ":"));
            if (report.connections().isEmpty()) {
                out.println("  nothing stored yet");
            }
            for (Map.Entry<String, Pruned> e : report.connections().entrySet()) {
                out.println("  connection '" + e.getKey() + "': " + (dryRun ? "would remove " : "removed ") + describe(e.getValue()));
            }
            out.flush();
            return 0;
        }
    }

    static String describe(Pruned p) {
        return p.runs() + " run(s), " + p.activity() + " history line(s), " + p.conflicts() + " restored conflict(s), "
                + p.intents() + " finished create intent(s)";
    }

    private static String age(Duration d) {
        return d == null ? "forever" : Durations.format(d);
    }
}
