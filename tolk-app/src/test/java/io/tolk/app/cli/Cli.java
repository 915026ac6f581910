package io.tolk.app.cli;

import io.tolk.app.AppContext;
import io.tolk.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs tolk's {@link Main} in this process, capturing stdout and stderr, with a given environment and directory. */
final class Cli {

    private final Map<String, String> env;
    private final Path workDir;

    Cli(Map<String, String> env, Path workDir) {
        this.env = env;
        this.workDir = workDir;
    }

    Cli(Path workDir) {
        this(Map.of(), workDir);
    }

    /** Runs to completion. */
    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(AppContext.of(env, workDir)).run(args, print(out), print(err));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts a long-running command in a background thread; {@link Background#stop()} ends it like Ctrl-C. */
    Background start(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AppContext context = AppContext.of(env, workDir);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> new Main(context).run(args, print(out), print(err)));
        return new Background(context, exit, out, err);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    record Result(int exitCode, String out, String err) {
    }

    static final class Background implements AutoCloseable {
        private final AppContext context;
        private final CompletableFuture<Integer> exit;
        private final ByteArrayOutputStream out;
        private final ByteArrayOutputStream err;

        Background(AppContext context, CompletableFuture<Integer> exit, ByteArrayOutputStream out,
                   ByteArrayOutputStream err) {
            this.context = context;
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits until stdout satisfies the condition or the command ends; fails after the timeout. */
        String awaitOut(Predicate<String> condition, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String now = out();
                if (condition.test(now)) {
                    return now;
                }
                if (exit.isDone()) {
                    throw new AssertionError("command ended with " + exit.join() + " before the expected output;\nout: "
                            + now + "\nerr: " + err());
                }
                Thread.sleep(20);
            }
            throw new AssertionError("timed out waiting for output; out so far:\n" + out() + "\nerr: " + err());
        }

        int stop() throws Exception {
            context.requestStop();
            return exit.get(20, TimeUnit.SECONDS);
        }

        boolean isRunning() {
            return !exit.isDone();
        }

        @Override
        public void close() throws Exception {
            if (!exit.isDone()) {
                stop();
            }
        }
    }
}
