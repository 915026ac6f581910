package io.tolk.app.cli;

import io.tolk.engine.Plan;
import io.tolk.engine.cycle.Change;
import io.tolk.engine.cycle.ChangeKind;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.cycle.FlowCounts;
import io.tolk.engine.plan.FieldChange;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How cycle reports and plans look on the terminal: one screen, plain words. */
final class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    /** At most this many records are listed per kind in a summary; the rest are counted. */
    static final int LIST_LIMIT = 20;

    private Reports() {
    }

    static void summary(PrintWriter out, String connection, CycleReport report) {
        out.println("Cycle for connection '" + connection + "' finished in " + seconds(report.duration()) + ": "
                + report.outcome().code() + ".");
        table(out, report.flows());
        out.println("API calls: " + apiCalls(report.apiCalls()));
        warnings(out, connection, report);
        if (report.deletesHalted() != null) {
            out.println("Deletes halted: " + report.deletesHalted() + " (run 'tolk sync --once --confirm-deletes' to allow them)");
        }
        list(out, "Failed records", report.changes(ChangeKind.FAILURE), "tolk failures");
        list(out, "Needs review", report.changes(ChangeKind.REVIEW), "tolk link");
        list(out, "Linked after review", report.changes(ChangeKind.LINK).stream().filter(Change::afterReview).toList(),
                "tolk history REF");
        List<Change> conflicts = report.changes(ChangeKind.CONFLICT);
        if (!conflicts.isEmpty()) {
            out.println("Conflicts decided: " + conflicts.size() + " (see 'tolk conflicts'; a losing value can be restored)");
        }
        out.flush();
    }

    /**
     * Each warning of the cycle, once, in the command's output. Not logged as well: with the default log on stderr that
     * would print every warning twice (the debug log, {@code -v}, still has them).
     */
    static void warnings(PrintWriter out, String connection, CycleReport report) {
        for (String w : report.warnings()) {
            out.println("Warning: " + w);
            LOG.debug("connection '{}': {}", connection, w);
        }
    }

    /** Each warning of the cycle in the log (WARN), naming the connection. */
    static void log(String connection, CycleReport report) {
        report.warnings().forEach(w -> LOG.warn("connection '{}': {}", connection, w));
    }

    static void table(PrintWriter out, Map<String, FlowCounts> flows) {
        String format = "%-6s %7s %8s %8s %7s %7s %10s %7s %8s%n";
        out.printf(Locale.ROOT, format, "flow", "read", "created", "updated", "linked", "failed", "conflicts", "review",
                "deleted");
        long[] total = new long[8];
        flows.forEach((flow, c) -> {
            long[] v = {c.read(), c.created(), c.updated(), c.linked(), c.failed(), c.conflicts(), c.review(), c.deleted()};
            for (int i = 0; i < v.length; i++) {
                total[i] += v[i];
            }
            out.printf(Locale.ROOT, format, flow, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        });
        out.printf(Locale.ROOT, format, "total", total[0], total[1], total[2], total[3], total[4], total[5], total[6],
                total[7]);
    }

    static String apiCalls(Map<String, Long> calls) {
        if (calls.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        calls.forEach((system, n) -> b.append(b.length() == 0 ? "" : ", ").append(system).append(' ').append(n));
        return b.toString();
    }

    private static void list(PrintWriter out, String title, List<Change> changes, String command) {
        if (changes.isEmpty()) {
            return;
        }
        out.println(title + " (" + changes.size() + "):");
        changes.stream().limit(LIST_LIMIT).forEach(c -> out.println("  " + c.describe()));
        if (changes.size() > LIST_LIMIT) {
            out.println("  ... and " + (changes.size() - LIST_LIMIT) + " more; see '" + command + "'");
        }
    }

    /** One decision of a plan, and the lines of its fields. */
    static void planLine(PrintWriter out, Change c) {
        StringBuilder head = new StringBuilder("  ");
        if (c.flowId() != null) {
            head.append(c.flowId()).append(' ');
        }
        head.append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                .append(c.target() != null ? c.target().toString() : c.targetSystem() + "/" + c.targetType() + " (new)");
        if (c.kind().writes() && c.source() != null) {
            head.append("  [").append(c.direction()).append(']');
        } else if (c.source() != null) {
            head.append(c.kind() == ChangeKind.LINK ? " with " : " from ").append(c.source());
        }
        if (c.detail() != null && !c.detail().isEmpty()) {
            head.append(" — ").append(c.detail());
        }
        out.println(head);
        for (FieldChange f : c.fields()) {
            out.println("      " + f.describe());
        }
    }

    /** The end of a plan: its totals, the credits it would cost, and its warnings. */
    static void planTotals(PrintWriter out, String connection, Plan plan, boolean any) {
        CycleReport report = plan.report();
        if (!any) {
            out.println("Nothing to do for connection '" + connection + "': the next cycle would write nothing.");
        }
        if (any) {
            out.println("In all: " + report.count(ChangeKind.LINK) + " to link, " + report.count(ChangeKind.CREATE)
                    + " to create, " + report.count(ChangeKind.UPDATE) + " to update, " + report.count(ChangeKind.DELETE)
                    + " to delete, " + report.count(ChangeKind.REVIEW) + " for review, " + report.count(ChangeKind.FAILURE)
                    + " would fail. API calls to plan: " + apiCalls(report.apiCalls()) + ".");
        }
        plan.credits().forEach((system, credits) -> out.println("Estimated " + systemName(system) + " credits for the next cycle: "
                + credits + " (the reads this plan made, and the planned writes in batches)."));
        warnings(out, connection, report);
        out.flush();
    }

    /** How a system is named to users ("Zoho"), from the built-in connectors' spokes; else its id. */
    static String systemName(String system) {
        for (io.tolk.api.SystemSpoke spoke : io.tolk.app.wiring.BuiltInMapping.SPOKES) {
            if (spoke.system().equals(system)) {
                return spoke.displayName();
            }
        }
        return system;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
