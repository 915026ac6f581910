package io.tolk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import io.tolk.app.wiring.EngineSession;
import io.tolk.app.config.ConnectionFolder;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.wiring.Sessions;
import java.util.List;
import io.tolk.engine.EngineStatus;
import io.tolk.engine.FlowStatus;
import io.tolk.engine.store.RunRecord;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tolk status [--json]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows per flow: linked, in sync, filtered out, failing, conflicts, needs review.",
                "Also the last cycle and the API calls it used; every connection unless --connection names one."})
public final class StatusCommand extends EngineCommand {

    @Option(names = "--json", description = "Machine-readable output (an array when there are several connections).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TolkConfig tolk = config.connectionName() == null ? config.loadTolerant(root.context()) : config.load(root.context());
        try (Sessions sessions = openAll(tolk, false, true)) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            List<EngineStatus> statuses = sessions.all().stream().map(s -> s.engine().status()).toList();
            java.time.Instant now = root.context().clock().instant();
            List<Health> healths = sessions.all().stream().map(s -> health(s, now)).toList();
            if (json && statuses.size() == 1 && tolk.broken().isEmpty()) {
                out().println(mapper.writeValueAsString(toJson(mapper, statuses.get(0), healths.get(0))));
            } else if (json) {
                ArrayNode all = mapper.createArrayNode();
                for (int i = 0; i < statuses.size(); i++) {
                    all.add(toJson(mapper, statuses.get(i), healths.get(i)));
                }
                for (ConnectionFolder.Broken b : tolk.broken()) {
                    all.addObject().put("connection", b.name()).put("file", b.file().toString())
                            .put("brokenConfig", b.error().getMessage());
                }
                out().println(mapper.writeValueAsString(all));
            } else {
                for (int i = 0; i < statuses.size(); i++) {
                    if (i > 0) {
                        out().println();
                    }
                    print(out(), statuses.get(i), healths.get(i), now);
                }
                for (ConnectionFolder.Broken b : tolk.broken()) {
                    out().println();
                    out().println("connection '" + b.name() + "': not served, its file does not check: "
                            + b.error().getMessage());
                }
            }
            out().flush();
            boolean bad = !tolk.broken().isEmpty()
                    || healths.stream().anyMatch(h -> h.state() == HealthState.FAILING || h.state() == HealthState.STALE);
            return bad ? io.tolk.app.ExitCodes.RECORDS_FAILED : 0;
        }
    }

    /** The connection's health from its run log, as {@code tolk run} works it out (a CLI watches from now). */
    static Health health(EngineSession s, java.time.Instant now) {
        long failing = s.engine().status().flows().stream().mapToLong(FlowStatus::failing).sum();
        return Health.of(s.store().connection(s.connection().name()).runs(20), s.connection().sync().interval(), failing,
                now, now);
    }

    static ObjectNode toJson(ObjectMapper mapper, EngineStatus status) {
        return toJson(mapper, status, null);
    }

    static ObjectNode toJson(ObjectMapper mapper, EngineStatus status, Health health) {
        ObjectNode root = mapper.createObjectNode();
        root.put("connection", status.connection());
        if (health != null) {
            ObjectNode h = root.putObject("health");
            h.put("state", health.state().code())
                    .put("lastSuccess", health.lastSuccess() == null ? null : health.lastSuccess().toString())
                    .put("lastError", health.lastError())
                    .put("lastErrorAt", health.lastErrorAt() == null ? null : health.lastErrorAt().toString())
                    .put("secondsSinceLastComplete", health.sinceLastComplete().toSeconds())
                    .put("staleAfterSeconds", health.staleAfter().toSeconds());
        }
        ArrayNode flows = root.putArray("flows");
        for (FlowStatus f : status.flows()) {
            flows.addObject().put("flow", f.flowId()).put("title", f.title()).put("linked", f.linked())
                    .put("inSync", f.inSync()).put("filteredOut", f.filteredOut()).put("failing", f.failing()).put("conflicts", f.conflicts())
                    .put("needsReview", f.needsReview());
            if (health != null) {
                ((ObjectNode) flows.get(flows.size() - 1)).put("health", health.forFlow(f.failing()).code());
            }
        }
        if (status.lastCycle().isPresent()) {
            RunRecord run = status.lastCycle().get();
            ObjectNode last = root.putObject("lastCycle");
            last.put("id", run.id()).put("startedAt", run.startedAt().toString())
                    .put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString())
                    .put("outcome", run.outcome().code());
            ObjectNode counts = last.putObject("counts");
            run.counts().forEach(counts::put);
            ObjectNode calls = last.putObject("apiCalls");
            run.apiCalls().forEach(calls::put);
        } else {
            root.putNull("lastCycle");
        }
        return root;
    }

    static void print(PrintWriter out, EngineStatus status, Health health, java.time.Instant now) {
        out.println("Connection '" + status.connection() + "': " + health.state().code());
        String format = "%-6s %-32s %7s %8s %13s %8s %10s %13s%n";
        out.printf(Locale.ROOT, format, "flow", "records", "linked", "in sync", "filtered out", "failing", "conflicts",
                "needs review");
        for (FlowStatus f : status.flows()) {
            out.printf(Locale.ROOT, format, f.flowId(), f.title(), f.linked(), f.inSync(), f.filteredOut(), f.failing(),
                    f.conflicts(), f.needsReview());
        }
        if (status.flows().stream().anyMatch(f -> f.filteredOut() > 0)) {
            out.println("Filtered out: linked records that no longer pass their flow's filter (flows.<F>.filter);"
                    + " they are not synced until they pass again.");
        }
        if (status.lastCycle().isEmpty()) {
            out.println("Last cycle: none yet (run 'tolk sync --once').");
            return;
        }
        RunRecord run = status.lastCycle().get();
        out.println("Last cycle: started " + local(run.startedAt()) + (run.finishedAt() == null ? ", not finished"
                : ", finished " + local(run.finishedAt())) + ", outcome " + run.outcome().code() + ".");
        out.println("API calls in it: " + Reports.apiCalls(run.apiCalls()));
        out.println("Last success: " + (health.lastSuccess() == null ? "none"
                : local(health.lastSuccess()) + " (" + ago(health.sinceLastComplete()) + " ago)")
                + (health.state() == HealthState.STALE ? "; stale: no cycle completed in " + ago(health.staleAfter()) : ""));
        if (health.lastError() != null) {
            out.println("Last error (" + local(health.lastErrorAt()) + "): " + health.lastError());
        }
    }

    /** An instant in the machine's time zone, to the second. */
    static String local(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                .format(java.time.LocalDateTime.ofInstant(at, java.time.ZoneId.systemDefault()));
    }

    static String ago(java.time.Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : s < 172800 ? (s / 3600) + " h" : (s / 86400) + " days";
    }
}
