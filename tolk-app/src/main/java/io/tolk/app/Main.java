package io.tolk.app;

import io.tolk.app.cli.ErrorHandler;
import io.tolk.app.cli.TolkCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code tolk} command line. */
public final class Main {

    private final AppContext context;

    public Main(AppContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        FatalErrors.install(System.err);
        AppContext context = AppContext.system();
        Signals.install(context, System.err);
        int code;
        try {
            code = new Main(context).run(args, System.out, System.err);
        } catch (Error fatal) {
            FatalErrors.halt(fatal, System.err); // describing it ran out of memory again: still exit 4
            return;
        }
        if (context.stopExitCode() != 0) {
            code = context.stopExitCode(); // stopped by SIGINT (130) or SIGTERM (143), cleanly
        }
        System.exit(code);
    }

    /** Runs one command line to completion and returns its exit code; prints only to the given streams. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine commandLine = commandLine(context, outWriter, errWriter);
        try {
            return commandLine.execute(args);
        } catch (Error fatal) {
            // picocli hands only Exceptions to the ErrorHandler; an Error (out of memory) is fatal the same way, exit 4
            errWriter.println("tolk: " + ErrorHandler.describe(fatal));
            return ErrorHandler.exitCode(fatal);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The configured picocli command tree (exposed for tests of help texts). */
    public static CommandLine commandLine(AppContext context, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TolkCommand(context));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(ErrorHandler::onParameterError);
        return commandLine;
    }
}
