package io.tolk.app.cli;

import io.tolk.app.AppContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code tolk}: the top-level command; it only dispatches to its subcommands. */
@Command(name = "tolk",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Two-way sync between PowerOffice Go and Zoho CRM.",
        footer = {"",
                "Exit codes: 0 success; 1 the run finished but some records failed or deletions",
                "were held back (listed), or another process is syncing the connection; 2 bad",
                "usage or config (the store setting included); 3 a system could not be reached",
                "or refused the credentials; 4 tolk could not go on: an internal error (a bug;",
                "please report it) or a store that failed while in use. The store stays",
                "consistent, so the command can be run again.",
                "",
                "Start with 'tolk demo' (needs no config), or 'tolk init' to write a tolk.yaml, then 'tolk doctor'."},
        subcommands = {
                DemoCommand.class,
                InitCommand.class,
                SimulateCommand.class,
                SyncCommand.class,
                PlanCommand.class,
                StatusCommand.class,
                FailuresCommand.class,
                RetryCommand.class,
                ConflictsCommand.class,
                LinkCommand.class,
                UnlinkCommand.class,
                ResyncCommand.class,
                HistoryCommand.class,
                DocsCommand.class,
                DoctorCommand.class,
                RunCommand.class,
                PruneCommand.class,
                BackupCommand.class,
                picocli.CommandLine.HelpCommand.class})
public final class TolkCommand implements java.util.concurrent.Callable<Integer> {

    private final AppContext context;

    @Spec
    CommandSpec spec;

    public TolkCommand(AppContext context) {
        this.context = context;
    }

    /** Inherited by every subcommand: {@code tolk -v sync} and {@code tolk sync -v} both work. */
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show tolk's debug log on stderr.")
    void setVerbose(boolean verbose) {
        Verbosity.apply(verbose);
    }

    public AppContext context() {
        return context;
    }

    /** {@code tolk} alone: the overview on stderr, exit code 2 (a command is missing). */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("tolk: say what to do, e.g. 'tolk demo' or 'tolk sync --once'.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return io.tolk.app.ExitCodes.USAGE;
    }
}
