package io.tolk.app.e2e;

import io.tolk.api.ConnectorException;
import io.tolk.app.AppContext;
import io.tolk.app.Main;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.Plan;
import io.tolk.engine.SyncEngine;
import io.tolk.engine.cycle.Change;
import io.tolk.engine.cycle.CycleReport;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.ReviewItem;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code tolk} command line in this process, one invocation per call (so every piece of state between two
 * calls lives in the store file), capturing its exit code and output.
 *
 * <p>While a command is still a stub in this build ("is not available yet"), the same command is run through
 * {@link EngineSession} exactly as the CLI wires it, and its output is rendered here from the engine's answers. The
 * stand-in is used only for such stubs; once the CLI implements a command, its real output is what the tests see.
 * Which path ran is kept in {@link Result#viaCli()}.
 */
final class Tolk {

    private final Path workDir;
    private final Path config;

    Tolk(Path workDir, Path config) {
        this.workDir = workDir;
        this.config = config;
    }

    /** One command's outcome. */
    record Result(int exitCode, String out, String err, boolean viaCli, CycleReport report) {
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
        Result viaMain = main(argv.toArray(String[]::new));
        if (viaMain.exitCode() == 2 && viaMain.err().contains("is not available yet")) {
            return standIn(command, List.of(args));
        }
        return viaMain;
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
        int code = new Main(AppContext.of(Map.of(), workDir)).run(argv, print(out), print(err));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), true, null);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ stand-in for commands still stubbed

    private Result standIn(String command, List<String> args) {
        TolkConfig cfg = new ConfigLoader(k -> null).load(config, false);
        StringBuilder out = new StringBuilder();
        try (EngineSession session = EngineSession.open(cfg, cfg.select(null), Clock.systemUTC(), false)) {
            SyncEngine engine = session.engine();
            switch (command) {
                case "sync" -> {
                    CycleReport r = engine.runCycle();
                    r.changes().forEach(c -> out.append(c.describe()).append('\n'));
                    out.append("outcome: ").append(r.outcome()).append('\n');
                    return new Result(r.hasFailures() ? 1 : 0, out.toString(), "", false, r);
                }
                case "plan" -> {
                    Plan p = engine.plan();
                    p.changes().forEach(c -> out.append(c.describe()).append('\n'));
                    return new Result(0, out.toString(), "", false, p.report());
                }
                case "failures" -> {
                    for (Failure f : engine.failures()) {
                        out.append(f.id()).append(' ').append(f.record()).append(" -> ").append(f.target()).append(": ")
                                .append(f.reason()).append('\n');
                    }
                    return new Result(engine.failures().isEmpty() ? 0 : 1, out.toString(), "", false, null);
                }
                case "conflicts" -> {
                    if (args.size() == 2 && args.get(0).equals("--restore")) {
                        Conflict c = engine.restoreConflict(Long.parseLong(args.get(1)));
                        out.append("restored conflict ").append(c.id()).append('\n');
                        return new Result(0, out.toString(), "", false, null);
                    }
                    for (Conflict c : engine.conflicts(1000)) {
                        out.append(c.id()).append(' ').append(c.flowId()).append(' ').append(c.property())
                                .append(": winner ").append(c.winnerSide()).append(" '").append(c.winnerValue())
                                .append("', loser ").append(c.loserSide()).append(" '").append(c.loserValue())
                                .append("' (").append(c.reason()).append(c.restored() ? ", restored" : "").append(")\n");
                    }
                    return new Result(0, out.toString(), "", false, null);
                }
                case "review" -> {
                    for (ReviewItem r : engine.reviewQueue()) {
                        out.append(r.record()).append(' ').append(r.flowId()).append(' ').append(r.candidates())
                                .append(": ").append(r.reason()).append('\n');
                    }
                    return new Result(0, out.toString(), "", false, null);
                }
                case "link" -> {
                    engine.link(SyncEngine.parseRef(args.get(0)), SyncEngine.parseRef(args.get(1)));
                    return new Result(0, "linked\n", "", false, null);
                }
                default -> throw new IllegalArgumentException("no stand-in for tolk " + command);
            }
        } catch (ConnectorException e) {
            return new Result(3, out.toString(), e.getMessage(), false, null);
        } catch (IllegalArgumentException e) {
            return new Result(2, out.toString(), e.getMessage(), false, null);
        } catch (RuntimeException e) {
            java.io.StringWriter sw = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(sw));
            return new Result(1, out.toString(), sw.toString(), false, null);
        }
    }

    /** The plan's writes as one line each (for comparing with what a cycle did). */
    static List<String> writeLines(CycleReport report) {
        return report.writes().stream().map(Change::describe).toList();
    }
}
