package io.tolk.app;

/** The process exit codes users and scripts rely on (see the interface spec). */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /**
     * The run finished, but some records failed or propagated deletions were held back (they are listed); also when
     * another process is syncing the connection.
     */
    public static final int RECORDS_FAILED = 1;
    /** Bad usage or a bad configuration. */
    public static final int USAGE = 2;
    /** A system could not be reached or refused the credentials. */
    public static final int UNAVAILABLE = 3;
    /**
     * tolk could not go on: an internal error (a bug) or a store that failed while in use. The store stays consistent
     * (each change is committed whole or not at all), so the command can be run again.
     */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
