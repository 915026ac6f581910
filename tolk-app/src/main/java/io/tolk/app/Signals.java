package io.tolk.app;

import java.io.PrintStream;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the first asks the running command to stop cleanly ({@link AppContext#requestStop(int)}
 * with 130 or 143, the exit code the process then ends with): a cycle sends nothing more, records every answer of what
 * it sent, writes its run record and releases its lock. A second signal stops at once (what was sent and not yet
 * recorded is then settled by the next run, as after a crash: creates have their intents).
 *
 * <p>{@code sun.misc.Signal} is the JDK's only way to tell the two signals apart and to catch a second one; a shutdown
 * hook can do neither.
 */
public final class Signals {

    private Signals() {
    }

    /** Installs the handlers for the process (where the platform has these signals). */
    public static void install(AppContext context, PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> received(context, err, name, 128 + s.getNumber()));
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal: the JVM's default handling stays
            }
        }
    }

    static void received(AppContext context, PrintStream err, String name, int exitCode) {
        if (context.stopRequested()) {
            err.println("tolk: SIG" + name + " again: stopping at once (the next run carries on from here)");
            err.flush();
            Runtime.getRuntime().halt(exitCode);
        }
        if (!context.honoursStop()) {
            System.exit(exitCode); // a command that writes nothing: nothing to finish
        }
        err.println("tolk: SIG" + name + ": stopping; finishing the calls in flight and recording what was written"
                + " (send it again to stop at once)");
        err.flush();
        context.requestStop(exitCode);
    }
}
