package io.tolk.app.e2e;

import io.tolk.app.AppContext;
import io.tolk.app.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code tolk} command line ({@link Main#run}) in this process, one invocation per call, so every piece
 * of state between two calls lives in the store file, capturing its exit code, stdout and stderr.
 */
final class Tolk {

    private final Path workDir;
    private final Path config;

    Tolk(Path workDir, Path config) {
        this.workDir = workDir;
        this.config = config;
    }

    /** One command's outcome. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        Result expectExit(int... codes) {
            for (int c : codes) {
                if (c == exitCode) {
                    return this;
                }
            }
            throw new AssertionError("tolk exited " + exitCode + " (expected " + java.util.Arrays.toString(codes)
                    + ")\nout:\n" + out + "\nerr:\n" + err);
        }
    }

    /** {@code tolk <command> -c tolk.yaml <args...>}. */
    Result run(String command, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.add("-c");
        argv.add(config.toString());
        argv.addAll(List.of(args));
        Result result = main(argv.toArray(String[]::new));
        if (result.exitCode() == 2 && result.err().contains("is not available yet")) {
            throw new AssertionError("tolk " + command + " is still a stub in this build: " + result.err());
        }
        return result;
    }

    /** {@code tolk <argv...>} exactly as given ({@link #config()} is not added). */
    Result runExactly(String... argv) {
        return main(argv);
    }

    /** The tolk.yaml this runs with. */
    Path config() {
        return config;
    }

    /** {@code tolk sync --once}, which must exit 0. */
    Result syncOk() {
        return run("sync", "--once").expectExit(0);
    }

    Result sync() {
        return run("sync", "--once");
    }

    private Result main(String[] argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AppContext context = AppContext.of(Map.of(), workDir);
        int code = new Main(context).run(argv, print(out), print(err));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
