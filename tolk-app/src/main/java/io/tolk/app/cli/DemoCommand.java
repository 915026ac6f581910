package io.tolk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.UsageException;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.Durations;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.app.web.StatusPage;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.cycle.FlowCounts;
import io.tolk.engine.store.Store;
import io.tolk.sim.common.SimOptions;
import io.tolk.store.JdbcStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
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

    private final Deque<String> recent = new ConcurrentLinkedDeque<>();

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
            try (Store store = JdbcStore.open(config.storeUrl(), root.context().clock());
                 EngineSession session = EngineSession.open(store, config.connections().get(0), root.context().clock());
                 StatusPage page = page(session, po, zoho)) {
                out.println("tolk demo is running.");
                out.println("  Status page:        " + page.url() + "/   (JSON: " + page.url() + "/api/status)");
                out.println("  PowerOffice Go sim: " + po.baseUrl() + "/v2   (counters: " + po.baseUrl() + "/__sim/counters)");
                out.println("  Zoho CRM sim:       " + zoho.baseUrl() + "/crm/v8   (counters: " + zoho.baseUrl()
                        + "/__sim/counters)");
                out.println("  Store and config:   " + dir + (keep ? "" : " (removed on exit; --keep keeps it)"));
                out.println("Try in another terminal: tolk status -c " + yaml + "   (or plan, failures, conflicts, link)");
                out.println("Syncing every " + Durations.format(every) + ". Stop with Ctrl-C.");
                out.flush();
                loop(session, every, out);
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

    private StatusPage page(EngineSession session, RunningSimulator po, RunningSimulator zoho) throws IOException {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("PowerOffice Go simulator counters", po.baseUrl() + "/__sim/counters");
        links.put("Zoho CRM simulator counters", zoho.baseUrl() + "/__sim/counters");
        ObjectMapper mapper = new ObjectMapper();
        try {
            return new StatusPage("127.0.0.1", port, () -> List.of(session.engine().status()),
                    s -> StatusCommand.toJson(mapper, s), () -> new ArrayList<>(recent), links, null);
        } catch (BindException e) {
            throw new UsageException("port " + port + " is in use; choose another with --port");
        }
    }

    private void loop(EngineSession session, Duration every, PrintWriter out) {
        int n = 0;
        do {
            n++;
            String line;
            try {
                CycleReport r = session.engine().runCycle();
                Reports.log(session.connection().name(), r);
                line = describe(n, r);
            } catch (RuntimeException e) {
                line = "cycle " + n + " failed: " + ErrorHandler.describe(e);
            }
            String stamped = LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS) + "  " + line;
            recent.addFirst(stamped);
            while (recent.size() > 10) {
                recent.removeLast();
            }
            out.println(stamped);
            out.flush();
        } while (!root.context().awaitStop(every.toMillis()));
    }

    static String describe(int n, CycleReport r) {
        long read = r.total(FlowCounts::read);
        return String.format(Locale.ROOT,
                "cycle %d: read %d, created %d, updated %d, linked %d, failed %d, conflicts %d, review %d "
                        + "(%s; API calls %s)",
                n, read, r.total(FlowCounts::created), r.total(FlowCounts::updated), r.total(FlowCounts::linked),
                r.total(FlowCounts::failed), r.total(FlowCounts::conflicts), r.total(FlowCounts::review),
                Reports.seconds(r.duration()), Reports.apiCalls(r.apiCalls()))
                + r.warnings().stream().map(w -> "; warning: " + w).collect(java.util.stream.Collectors.joining());
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
