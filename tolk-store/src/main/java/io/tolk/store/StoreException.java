package io.tolk.store;

/**
 * The store could not do what was asked. The message names the store (never its password) and the operation;
 * {@link #problem()} says what kind of trouble it is, which decides what the user must do (and the CLI's exit code).
 */
public class StoreException extends RuntimeException {

    /** What kind of trouble a store is in. */
    public enum Problem {
        /**
         * The {@code store} setting points nowhere usable: a missing folder, a file that is not a database, a path
         * tolk may not open, an unknown PostgreSQL database. Fix the setting.
         */
        SETTING,
        /** The store has not been created yet (no file; no schema): nothing has been synced. */
        NOT_CREATED,
        /** The database server could not be reached, or refused the login, when the store was opened. */
        UNREACHABLE,
        /** The store failed while in use (or in a way none of the others describes). */
        FAILED
    }

    private final Problem problem;

    public StoreException(String message) {
        this(message, null, Problem.FAILED);
    }

    public StoreException(String message, Throwable cause) {
        this(message, cause, Problem.FAILED);
    }

    public StoreException(String message, Throwable cause, Problem problem) {
        super(message, cause);
        this.problem = problem;
    }

    /** A store the {@code store} setting cannot reach as written: fix the setting (or the environment it names). */
    public static StoreException configuration(String message, Throwable cause) {
        return new StoreException(message, cause, Problem.SETTING);
    }

    public Problem problem() {
        return problem;
    }

    /** Whether the {@code store} setting (or the credentials it takes from the environment) is what must change. */
    public boolean isConfiguration() {
        return problem == Problem.SETTING;
    }
}
