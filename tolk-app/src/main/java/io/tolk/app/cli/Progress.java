package io.tolk.app.cli;

import io.tolk.engine.ProgressListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Live progress of long work (reading, writing) on stderr, refreshed every second while the work runs, so a long read
 * of one big page shows it is alive. On a terminal it draws a progress bar per phase (the progressbar library);
 * otherwise, as in a log or a pipe, it prints a plain line each second once the work has taken longer than one
 * second, so short runs print nothing. Close it when the work ends.
 */
final class Progress implements ProgressListener, AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(1);

    private final PrintWriter err;
    private final Clock clock;
    private final Instant start;
    private final boolean terminal;
    private final ScheduledExecutorService ticker;
    private String phase;
    private long done;
    private long total = -1;
    private Instant lastLine;
    private ProgressBar bar;

    /** Progress for a command: a bar on a terminal, plain lines otherwise, ticking every second. */
    static Progress of(PrintWriter err, Clock clock) {
        return new Progress(err, clock, System.console() != null && System.getenv("TOLK_PLAIN_PROGRESS") == null, true);
    }

    /**
     * @param terminal draw bars (else plain lines)
     * @param ticking  refresh every second on a thread of its own (tests call {@link #tick()} themselves)
     */
    Progress(PrintWriter err, Clock clock, boolean terminal, boolean ticking) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
        this.lastLine = start;
        this.terminal = terminal;
        this.ticker = ticking && !terminal ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tolk-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        if (terminal && !phase.equals(this.phase)) {
            closeBar();
            bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total).continuousUpdate()
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis((int) EVERY.toMillis())
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" records", 1).build();
        }
        this.phase = phase;
        this.done = done;
        this.total = total;
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
        }
    }

    /** Prints the current phase as a plain line, when the work has run a second or more since the last line. */
    synchronized void tick() {
        Instant now = clock.instant();
        if (terminal || phase == null || Duration.between(lastLine, now).compareTo(EVERY) < 0) {
            return;
        }
        lastLine = now;
        err.println("  ... " + phase + ": " + done + (total >= 0 ? " of " + total : "") + " ("
                + Duration.between(start, now).toSeconds() + " s)");
        err.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        closeBar();
    }
}
