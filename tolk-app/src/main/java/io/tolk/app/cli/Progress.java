package io.tolk.app.cli;

import io.tolk.engine.ProgressListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Progress of long work on stderr, at most one line every two seconds, so short runs print nothing. */
final class Progress implements ProgressListener {

    private static final Duration EVERY = Duration.ofSeconds(2);

    private final PrintWriter err;
    private final Clock clock;
    private final Instant start;
    private Instant last;

    Progress(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
        this.last = start;
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(EVERY) < 0) {
            return;
        }
        last = now;
        err.println("  ... " + phase + ": " + done + (total >= 0 ? " of " + total : "") + " ("
                + Duration.between(start, now).toSeconds() + " s)");
        err.flush();
    }
}
