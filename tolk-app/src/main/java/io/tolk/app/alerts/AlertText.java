package io.tolk.app.alerts;

import io.tolk.app.config.Durations;
import io.tolk.app.health.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of an alert, the same for every channel: a one-line title (the e-mail's subject, the chat message's first
 * line) and a few lines saying the connection, the new state and since when, the last complete cycle, the last
 * error, what to do, and the dashboard's address when there is one. Times are UTC, to the second.
 */
public final class AlertText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    public static String title(Alert a) {
        String was = a.previous() == null ? "" : " (was " + a.previous().code() + ")";
        if (a.recovered()) {
            return "tolk: connection '" + a.connection() + "' recovered: " + a.state().code() + was;
        }
        return "tolk: connection '" + a.connection() + "' is " + a.state().code() + was;
    }

    public static List<String> body(Alert a) {
        List<String> lines = new ArrayList<>();
        lines.add("Connection: " + a.connection());
        String state = "State: " + a.state().code() + " since " + time(a.since());
        if (a.state() == HealthState.STALE) {
            state += " (no cycle has completed for " + duration(a.sinceLastComplete()) + "; the limit is "
                    + duration(a.health().staleAfter()) + ")";
        }
        lines.add(state);
        Instant last = a.health().lastSuccess();
        lines.add("Last complete cycle: " + (last == null ? "none since tolk started watching"
                : time(last) + " (" + duration(Duration.between(last, a.observedAt())) + " ago)"));
        if (a.health().lastError() != null && !a.recovered()) {
            lines.add("Last error" + (a.health().lastErrorAt() == null ? "" : " (" + time(a.health().lastErrorAt()) + ")")
                    + ": " + a.health().lastError());
        }
        lines.add("What to do: " + advice(a));
        if (a.dashboard() != null) {
            lines.add("Dashboard: " + a.dashboard());
        }
        return lines;
    }

    /** Title and body as one text, lines separated by newlines. */
    public static String full(Alert a) {
        return title(a) + "\n" + String.join("\n", body(a));
    }

    private static String advice(Alert a) {
        String c = " --connection " + a.connection();
        return switch (a.state()) {
            case FAILING -> "run 'tolk status" + c + "' and 'tolk failures" + c + "' to see what stops the cycles, and"
                    + " 'tolk doctor" + c + "' to check addresses and credentials. tolk tries again every cycle.";
            case STALE -> "check that 'tolk run' is running and the connection is not paused ('tolk status" + c
                    + "'); a cycle may be stuck waiting on a slow system.";
            case DEGRADED -> "cycles complete again, but some records fail or wait: see 'tolk failures" + c + "'.";
            case OK -> "nothing; cycles complete again.";
        };
    }

    static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static String duration(Duration d) {
        return Durations.format(d.truncatedTo(ChronoUnit.SECONDS));
    }
}
