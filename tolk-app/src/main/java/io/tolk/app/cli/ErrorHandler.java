package io.tolk.app.cli;

import io.tolk.api.ConnectorException;
import io.tolk.app.ExitCodes;
import io.tolk.app.UsageException;
import io.tolk.app.config.ConfigException;
import io.tolk.engine.EngineBusyException;
import io.tolk.store.StoreException;
import io.tolk.store.StoreUrl;
import io.tolk.store.StoreUrlException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into plain sentences on stderr and the exit code of the interface spec:
 * bad usage or config 2 (a store setting that points nowhere usable included: a missing folder, a file that is not a
 * database), a system or the store's database server unreachable or refusing the credentials 3, another process
 * holding the connection's lock 1, and anything unexpected 4: an internal error (a bug), a store that failed while in
 * use, or the JVM running out of memory (never 1, which says the run finished). Stack traces only with {@code -v}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = exitCode(ex);
        err.println("tolk: " + (isMappingException(unwrap(ex)) ? configFile(parseResult) + ": " : "") + describe(ex));
        if (unwrap(ex) instanceof StoreException s && s.problem() == StoreException.Problem.UNREACHABLE) {
            err.println("tolk: check that the database server runs and the store setting's host and port, and the "
                    + StoreUrl.USER_ENV + " and " + StoreUrl.PASSWORD_ENV + " it takes the login from.");
        } else if (code == ExitCodes.UNAVAILABLE) {
            err.println("tolk: check the address and the credentials in the config, then try 'tolk doctor'.");
        }
        LOG.debug("details", ex);
        err.flush();
        return code;
    }

    /** The exit code an exception stands for. */
    public static int exitCode(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof StoreException s) {
            return switch (s.problem()) {
                case SETTING, NOT_CREATED -> ExitCodes.USAGE;
                case UNREACHABLE -> ExitCodes.UNAVAILABLE;
                case FAILED -> ExitCodes.INTERNAL;
            };
        }
        if (t instanceof ConfigException || t instanceof UsageException || isMappingException(t)
                || t instanceof StoreUrlException) {
            return ExitCodes.USAGE;
        }
        if (t instanceof ConnectorException ce && ce.kind() == io.tolk.api.ErrorKind.QUOTA) {
            return ExitCodes.RECORDS_FAILED; // the run stopped for want of credits; the next one carries on
        }
        if (t instanceof ConnectorException) {
            // per-record problems are handled inside a cycle; a connector failure that ends a command means the
            // system could not be used at all (unreachable, credentials refused, or still failing after retries)
            return ExitCodes.UNAVAILABLE;
        }
        if (t instanceof EngineBusyException) {
            return ExitCodes.RECORDS_FAILED;
        }
        return ExitCodes.INTERNAL;
    }

    /** What the user reads: the message where it says enough, else what happened and what it means for them. */
    public static String describe(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof ConnectorException ce && ce.kind() == io.tolk.api.ErrorKind.QUOTA) {
            return "waiting for " + Reports.systemName(ce.system()) + " credits until "
                    + ce.retryAt().map(i -> i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).orElse("they are given back") + ": " + ce.getMessage()
                    + ". The next run carries on from where this one stopped.";
        }
        if (t instanceof ConfigException || t instanceof UsageException || t instanceof ConnectorException
                || isMappingException(t) || t instanceof EngineBusyException || t instanceof StoreUrlException
                || (t instanceof StoreException s && s.problem() != StoreException.Problem.FAILED)) {
            return t.getMessage();
        }
        if (t instanceof StoreException) {
            return t.getMessage() + ". tolk stopped; its store is consistent (each change is committed whole or not"
                    + " at all), so the command can be run again once the store is usable (run with -v for details).";
        }
        if (t instanceof Error fatal) {
            return io.tolk.app.FatalErrors.describe(fatal);
        }
        String message = t.getMessage();
        return "tolk hit an internal error: " + t.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + ". This is a bug in tolk; please report it with the output of the same command run with -v."
                + " The store is consistent (each change is committed whole or not at all), so the command can be"
                + " run again.";
    }

    /**
     * The tolk.yaml the command read, as given with {@code -c} (or the default): a mapping mistake is found after the
     * file was loaded (PowerOffice's property list, Zoho's field metadata), and names the file like every config
     * mistake does.
     */
    private static String configFile(ParseResult parseResult) {
        Object file = null;
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("-c")) {
                file = p.matchedOptionValue("-c", null);
            }
        }
        return file == null ? ConfigOptions.DEFAULT_FILE : file.toString();
    }

    private static boolean isMappingException(Throwable t) {
        return t instanceof io.tolk.engine.mapping.MappingException;
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof CommandLine.ExecutionException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Bad command line: what is wrong, and where to read more. */
    public static int onParameterError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("tolk: " + ex.getMessage());
        boolean suggested = CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        if (!suggested && ex instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String typed = unmatched.getUnmatched().get(0);
            java.util.List<String> known = new java.util.ArrayList<>(cl.getSubcommands().keySet());
            cl.getCommandSpec().options().forEach(o -> known.addAll(java.util.Arrays.asList(o.names())));
            java.util.Optional<String> close = io.tolk.app.config.DidYouMean.closest(typed, known);
            close.ifPresent(c -> err.println("Did you mean '" + c + "'?"));
            suggested = close.isPresent();
        }
        if (!suggested) {
            err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' to see what it accepts.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }
}
