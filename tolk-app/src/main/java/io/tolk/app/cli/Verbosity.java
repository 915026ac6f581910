package io.tolk.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Quiet by default (warnings and errors only, on stderr); {@code -v} shows tolk's debug log. */
final class Verbosity {

    private Verbosity() {
    }

    static void apply(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) {
            return;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger tolk = ctx.getLogger("io.tolk");
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        tolk.setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
}
