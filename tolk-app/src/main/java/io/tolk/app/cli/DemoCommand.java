package io.tolk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.UsageException;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.Durations;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.app.service.LocalScheduler;
import io.tolk.app.service.Service;
import io.tolk.app.web.StatusPage;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.Store;
import io.tolk.sim.common.SimOptions;
import io.tolk.store.JdbcStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tolk demo}: both simulators with sample data, an SQLite store in a temporary directory, a sync cycle every
 * few seconds and a status page; runs until Ctrl-C. Needs no config: it writes its own tolk.yaml next to the store,
 * so the other commands can be tried against the running demo with {@code -c}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs everything embedded: both simulators, a store, continuous sync, a status page.",
                "Starts both API simulators with generated sample data, an SQLite store in a temporary directory,",
                "a sync cycle every few seconds and a status page; prints the URLs and stays up until Ctrl-C.",
                "Needs no configuration."})
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    TolkCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port of the status page (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200",
            description = "About this many sample records over both systems (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "Time between sync cycles (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--keep", description = "Keep the temporary directory (store and tolk.yaml) after Ctrl-C.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Duration every = parseInterval();
        if (records < 0) {
            throw new UsageException("--records must not be negative, was " + records);
        }
        PrintWriter out = spec.commandLine().getOut();
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
                 Service service = new Service(List.of(session), new LocalScheduler(clock), clock,
                         root.context()::stopRequested).listen(lines);
                 StatusPage page = page(session, po, zoho, lines)) {
                out.println("tolk demo is running.");
                out.println("  Status page:        " + page.url() + "/   (JSON: " + page.url() + "/api/status)");
                out.println("  PowerOffice Go sim: " + po.baseUrl() + "/v2   (counters: " + po.baseUrl() + "/__sim/counters)");
                out.println("  Zoho CRM sim:       " + zoho.baseUrl() + "/crm/v8   (counters: " + zoho.baseUrl()
                        + "/__sim/counters)");
                out.println("  Store and config:   " + dir + (keep ? "" : " (removed on exit; --keep keeps it)"));
                out.println("Try in another terminal: tolk status -c " + yaml + "   (or plan, failures, conflicts, link)");
                out.println("Syncing every " + Durations.format(every) + ". Stop with Ctrl-C.");
                out.flush();
                service.start();
                root.context().awaitStop();
                out.println("tolk demo: stopping; the cycle in progress records what it wrote.");
                out.flush();
                service.stop(RunCommand.STOP_GRACE);
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

    private StatusPage page(EngineSession session, RunningSimulator po, RunningSimulator zoho, CycleLines lines)
            throws IOException {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("PowerOffice Go simulator counters", po.baseUrl() + "/__sim/counters");
        links.put("Zoho CRM simulator counters", zoho.baseUrl() + "/__sim/counters");
        ObjectMapper mapper = new ObjectMapper();
        try {
            return new StatusPage("127.0.0.1", port, () -> List.of(session.engine().status()),
                    s -> StatusCommand.toJson(mapper, s), lines::recent, links, null);
        } catch (BindException e) {
            throw new UsageException("port " + port + " is in use; choose another with --port");
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
