package io.tolk.app.cli;

import io.tolk.app.service.CycleResult;
import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import io.tolk.app.service.ServiceListener;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.cycle.FlowCounts;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Collectors;

/**
 * The service's log: one line per cycle on stdout ({@code 2026-12-03 14:02:11  default: cycle 12: read 40, …}), plus a
 * line whenever a connection's health changes, and the last lines kept for the status page.
 */
final class CycleLines implements ServiceListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final PrintWriter out;
    private final Clock clock;
    private final ZoneId zone;
    private final int keep;
    private final Deque<String> recent = new ConcurrentLinkedDeque<>();
    private final java.util.Map<String, HealthState> states = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> cycles = new java.util.concurrent.ConcurrentHashMap<>();

    CycleLines(PrintWriter out, Clock clock, ZoneId zone, int keep) {
        this.out = out;
        this.clock = clock;
        this.zone = zone;
        this.keep = keep;
    }

    @Override
    public void cycleEnded(CycleResult result, Health health) {
        String line;
        if (result instanceof CycleResult.Completed c && c.notified()) {
            if (c.report().runId() != 0) { // else only tolk's own writes came back: nothing to tell
                log(result.connection() + ": " + describe(0, c.report()).replaceFirst("^cycle 0", "notified records"));
            }
            return;
        }
        long n = cycles.computeIfAbsent(result.connection(), k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        if (result instanceof CycleResult.Completed c) {
            line = describe(n, c.report());
        } else if (result instanceof CycleResult.Failed f) {
            line = "cycle " + n + " failed: " + f.description();
        } else {
            line = "skipped: " + ((CycleResult.Busy) result).description();
        }
        log(result.connection() + ": " + line);
        HealthState before = states.put(result.connection(), health.state());
        if (before != null && before != health.state()) {
            log(result.connection() + ": health " + before.code() + " → " + health.state().code());
        }
    }

    /** A line of the service's own (notifications, housekeeping), stamped like the cycle lines. */
    void note(String line) {
        log(line);
    }

    /** The last lines, newest first. */
    List<String> recent() {
        return new ArrayList<>(recent);
    }

    private synchronized void log(String line) {
        String stamped = LocalDateTime.ofInstant(clock.instant(), zone).format(TIME) + "  " + line;
        recent.addFirst(stamped);
        while (recent.size() > keep) {
            recent.removeLast();
        }
        out.println(stamped);
        out.flush();
    }

    /** {@code cycle n: read …}: n counts this process's cycles of the connection, from 1. */
    static String describe(long n, CycleReport r) {
        long read = r.total(FlowCounts::read);
        String outcome = r.outcome() == io.tolk.engine.store.RunOutcome.OK ? "" : ", " + r.outcome().code();
        return String.format(Locale.ROOT,
                "cycle %d: read %d, created %d, updated %d, linked %d, failed %d, conflicts %d, review %d "
                        + "(%s; API calls %s%s)",
                n, read, r.total(FlowCounts::created), r.total(FlowCounts::updated), r.total(FlowCounts::linked),
                r.total(FlowCounts::failed), r.total(FlowCounts::conflicts), r.total(FlowCounts::review),
                Reports.seconds(r.duration()), Reports.apiCalls(r.apiCalls()), outcome)
                + r.warnings().stream().map(w -> "; warning: " + w).collect(Collectors.joining());
    }
}
