package io.tolk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        try (Sessions sessions = openAll(false, true)) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            List<EngineStatus> statuses = sessions.all().stream().map(s -> s.engine().status()).toList();
            if (json && statuses.size() == 1) {
                out().println(mapper.writeValueAsString(toJson(mapper, statuses.get(0))));
            } else if (json) {
                ArrayNode all = mapper.createArrayNode();
                statuses.forEach(s -> all.add(toJson(mapper, s)));
                out().println(mapper.writeValueAsString(all));
            } else {
                for (int i = 0; i < statuses.size(); i++) {
                    if (i > 0) {
                        out().println();
                    }
                    print(out(), statuses.get(i));
                }
            }
            out().flush();
            return 0;
        }
    }

    static ObjectNode toJson(ObjectMapper mapper, EngineStatus status) {
        ObjectNode root = mapper.createObjectNode();
        root.put("connection", status.connection());
        ArrayNode flows = root.putArray("flows");
        for (FlowStatus f : status.flows()) {
            flows.addObject().put("flow", f.flowId()).put("title", f.title()).put("linked", f.linked())
                    .put("inSync", f.inSync()).put("filteredOut", f.filteredOut()).put("failing", f.failing()).put("conflicts", f.conflicts())
                    .put("needsReview", f.needsReview());
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

    static void print(PrintWriter out, EngineStatus status) {
        out.println("Connection '" + status.connection() + "'");
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
        out.println("Last cycle: started " + run.startedAt() + (run.finishedAt() == null ? ", not finished"
                : ", finished " + run.finishedAt()) + ", outcome " + run.outcome().code() + ".");
        out.println("API calls in it: " + Reports.apiCalls(run.apiCalls()));
    }
}
