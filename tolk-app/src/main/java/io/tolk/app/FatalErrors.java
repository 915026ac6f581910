package io.tolk.app;

import java.io.PrintStream;

/**
 * The last line of defence of the {@code tolk} process: an {@link Error} (running out of memory above all) that escapes
 * a command, or kills any of tolk's threads, ends the process with exit code {@link ExitCodes#INTERNAL} (4), never 1,
 * after one plain sentence on stderr. The store needs nothing more: every change was committed whole or not at all,
 * so what was written before is recorded and the next run carries on from there.
 *
 * <p>A little memory is held back from the start and let go before the sentence is printed, so that printing does not
 * itself run out of memory. The process is halted rather than exited: shutdown hooks would need memory too.
 */
public final class FatalErrors {

    private static volatile byte[] reserve;

    private FatalErrors() {
    }

    /** Holds back the reserve and makes an Error in any thread fatal. */
    public static void install(PrintStream err) {
        reserve = new byte[2 * 1024 * 1024];
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof Error error) {
                halt(error, err);
            }
            err.println("tolk: thread " + thread.getName() + " stopped: " + e);
        });
    }

    /** Prints what happened and ends the process with exit code 4. */
    public static void halt(Throwable fatal, PrintStream err) {
        reserve = null;
        try {
            err.println("tolk: " + describe(fatal));
            err.flush();
        } catch (Throwable ignored) {
            // nothing more can be said; the exit code still says it
        }
        Runtime.getRuntime().halt(ExitCodes.INTERNAL);
    }

    /** The sentence for a fatal error (exposed for the error handler of the commands). */
    public static String describe(Throwable fatal) {
        if (fatal instanceof OutOfMemoryError) {
            long mb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            return "tolk ran out of memory (its heap limit is " + mb + " MB) and stopped. What it wrote before is recorded"
                    + " in the store, so the next run carries on from there; give it more memory, e.g."
                    + " TOLK_JAVA_OPTS=-Xmx" + Math.max(256, 2 * mb) + "m.";
        }
        return "tolk stopped on a fatal error: " + fatal + ". The store is consistent (each change is committed whole"
                + " or not at all), so the command can be run again; if it happens again, please report it with the -v output.";
    }
}
