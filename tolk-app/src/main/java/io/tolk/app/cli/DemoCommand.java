package io.tolk.app.cli;

import io.tolk.app.UsageException;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.Durations;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.Store;
import io.tolk.sim.common.SimOptions;
import io.tolk.store.JdbcStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tolk demo}: both simulators with sample data, an SQLite store in a temporary directory, a sync cycle every
 * few seconds and the dashboard (Zoho notifications on); runs until Ctrl-C. Needs no config: it writes its own tolk.yaml next to the store,
 * so the other commands can be tried against the running demo with {@code -c}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs everything embedded: both simulators, a store, continuous sync, the dashboard.",
                "Starts both API simulators with generated sample data, an SQLite store in a temporary directory,",
                "a sync cycle every few seconds (and at once on every Zoho change) and the dashboard, opened in a browser",
                "where there is a desktop; prints the URLs and stays up until Ctrl-C.",
                "Needs no configuration."})
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port of the dashboard (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200",
            description = "About this many sample records over both systems (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "Time between sync cycles (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--no-browser", description = "Do not open the dashboard in a browser (it is opened where there is a desktop).")
    boolean noBrowser;

    @Option(names = "--keep", description = "Keep the temporary directory (store and tolk.yaml) after Ctrl-C.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Duration every = parseInterval();
        if (records < 0) {
            throw new UsageException("--records must not be negative, was " + records);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (port != 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (java.io.IOException e) {
                throw new UsageException("port " + port + " is in use; choose another with --port");
            }
        }
        Path dir = Files.createTempDirectory("tolk-demo-");
        SimOptions options = SimOptions.defaults().withRecords(records);
        try (RunningSimulator po = SimulatorKind.POWEROFFICE.start(options);
             RunningSimulator zoho = SimulatorKind.ZOHO.start(options.withClock(new io.tolk.sim.common.SimClock()))) {
            Path yaml = dir.resolve("tolk.yaml");
            Files.writeString(yaml, "# written by tolk demo; valid while the demo runs\nstore: sqlite:./tolk.db\n"
                    + String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl())) + "\n"
                    + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl())) + "\n"
                    + "sync:\n  interval: " + Durations.format(every) + "\n");
            TolkConfig config = new ConfigLoader(root.context().envLookup()).load(yaml);
            java.time.Clock clock = root.context().clock();
            CycleLines lines = new CycleLines(out, clock, ZoneId.systemDefault(), 10);
            root.context().stopsCleanly();
            try (Store store = JdbcStore.open(config.storeUrl(), clock);
                 EngineSession session = EngineSession.open(store, config.connections().get(0), clock);
                 ServiceHost host = ServiceHost.start(List.of(session), store, config,
                         new io.tolk.app.config.ServerConfig(port, "127.0.0.1", null, null), true, clock,
                         root.context()::stopRequested, lines)) {
                out.println("tolk demo is running.");
                out.println("  Dashboard:          " + host.url() + "/   (API: " + host.url() + "/api/status, metrics: "
                        + host.url() + "/metrics)");
                out.println("  PowerOffice Go sim: " + po.baseUrl() + "/v2   (counters: " + po.baseUrl() + "/__sim/counters)");
                out.println("  Zoho CRM sim:       " + zoho.baseUrl() + "/crm/v8   (counters: " + zoho.baseUrl()
                        + "/__sim/counters); it notifies tolk of every change");
                out.println("  Store and config:   " + dir + (keep ? "" : " (removed on exit; --keep keeps it)"));
                out.println("Try in another terminal: tolk status -c " + yaml + "   (or plan, failures, conflicts, link)");
                out.println("Syncing every " + Durations.format(every) + ". Stop with Ctrl-C.");
                out.flush();
                openBrowser(host.url() + "/");
                root.context().awaitStop();
                out.println("tolk demo: stopping; the cycle in progress records what it wrote.");
                out.flush();
                host.stop();
            }
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
        out.println("tolk demo stopped.");
        out.flush();
        return 0;
    }

    private Duration parseInterval() {
        try {
            Duration d = Durations.parse(interval);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("--interval must be longer than zero");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--interval: " + e.getMessage());
        }
    }

    /** Opens the dashboard in the desktop's browser where there is one (never on a headless machine or in tests). */
    private void openBrowser(String url) {
        if (noBrowser || java.awt.GraphicsEnvironment.isHeadless()) {
            return;
        }
        try {
            if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(java.net.URI.create(url));
            }
        } catch (Exception e) {
            // no browser to open: the URL is printed above
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
