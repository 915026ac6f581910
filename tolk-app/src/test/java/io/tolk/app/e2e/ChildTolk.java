package io.tolk.app.e2e;

import io.tolk.app.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tolk} as a separate operating-system process: a child JVM running {@link Main} with this test's class path,
 * in the test's directory, its output going to a file. {@link #kill()} is a real {@code kill -9} (SIGKILL): no shutdown
 * hook runs, nothing is flushed or released; {@link #signal(String)} sends another signal (SIGINT, SIGTERM) with the
 * operating system's {@code kill}, as a terminal's Ctrl-C or a service manager would.
 */
final class ChildTolk implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildTolk(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code tolk <args...>} in {@code workDir}. */
    static ChildTolk start(Path workDir, String... args) throws IOException {
        return start(workDir, List.of(), args);
    }

    /** Starts {@code tolk <args...>} in {@code workDir}, its JVM given {@code jvmOptions} (e.g. {@code -Xmx16m}). */
    static ChildTolk start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return start(workDir, java.util.Map.of(), jvmOptions, args);
    }

    /** Starts {@code tolk <args...>} in {@code workDir} with {@code env} added to its environment (e.g. the store's login). */
    static ChildTolk start(Path workDir, java.util.Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(workDir, "child-tolk", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        return new ChildTolk(p, output);
    }

    long pid() {
        return process.pid();
    }

    /** The exit code of a process that has ended. */
    int exitCode() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child tolk process did not die");
        }
    }

    /** Sends the signal {@code name} ({@code INT}, {@code TERM}) to the process, as {@code kill -s NAME pid} does. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -s " + name + " " + process.pid() + " failed: " + said);
        }
    }

    /** Waits until the output so far satisfies {@code done}; the output, or an AssertionError showing it. */
    String awaitOutput(java.util.function.Predicate<String> done, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String out = output();
            if (done.test(out)) {
                return out;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError((process.isAlive() ? "not seen within " + timeout.toSeconds() + " s"
                        : "the child tolk process ended first") + "; its output:\n" + out);
            }
            Thread.sleep(10);
        }
    }

    /** Waits for it to end by itself; its exit code. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child tolk process did not finish in " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
