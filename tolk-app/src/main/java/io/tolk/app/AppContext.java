package io.tolk.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a command may take from its surroundings: environment variables (for {@code ${VAR}} in tolk.yaml), the
 * working directory (where {@code ./tolk.yaml} is looked for), a clock, and the signal that ends long-running
 * commands. Production uses {@link #system()}; tests build their own so nothing global is touched.
 */
public final class AppContext {

    private final Function<String, String> env;
    private final Path workDir;
    private final Clock clock;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean stopsCleanly;
    private final java.util.concurrent.atomic.AtomicInteger stopExitCode = new java.util.concurrent.atomic.AtomicInteger();

    public AppContext(Function<String, String> env, Path workDir, Clock clock) {
        this.env = Objects.requireNonNull(env, "env");
        this.workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The real process: System.getenv, the current directory, the system clock. */
    public static AppContext system() {
        return new AppContext(System::getenv, Path.of(""), Clock.systemUTC());
    }

    /** For tests: the given environment only. */
    public static AppContext of(Map<String, String> env, Path workDir) {
        Map<String, String> copy = Map.copyOf(env);
        return new AppContext(copy::get, workDir, Clock.systemUTC());
    }

    /** The value of an environment variable, or null. */
    public String env(String name) {
        return env.apply(name);
    }

    public Function<String, String> envLookup() {
        return env;
    }

    public Path workDir() {
        return workDir;
    }

    public Clock clock() {
        return clock;
    }

    /** Asks long-running commands (simulate, demo, sync without --once, run) to finish. Idempotent. */
    public void requestStop() {
        stop.countDown();
    }

    /**
     * A stop asked for by a signal: like {@link #requestStop()}, and the process then exits with {@code exitCode}
     * (130 for SIGINT, 143 for SIGTERM) whatever the command returns. The first code asked for stays.
     */
    public void requestStop(int exitCode) {
        stopExitCode.compareAndSet(0, exitCode);
        stop.countDown();
    }

    /**
     * Declares that the running command honours {@link #stopRequested()} (sync, run, demo, retry, resync, simulate):
     * a signal then asks it to stop cleanly. Any other command is ended by the signal at once (it writes nothing).
     */
    public void stopsCleanly() {
        stopsCleanly = true;
    }

    public boolean honoursStop() {
        return stopsCleanly;
    }

    /** The exit code a signal asked for, or 0 when none did. */
    public int stopExitCode() {
        return stopExitCode.get();
    }

    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Blocks until {@link #requestStop()}; returns early (false) if interrupted. */
    public boolean awaitStop() {
        try {
            stop.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits at most {@code millis} for a stop request; true if one came. */
    public boolean awaitStop(long millis) {
        try {
            return stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
