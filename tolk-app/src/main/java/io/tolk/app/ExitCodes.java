package io.tolk.app;

/** The process exit codes users and scripts rely on (see the interface spec). */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /** The run finished, but some records failed (they are listed). */
    public static final int RECORDS_FAILED = 1;
    /** Bad usage or a bad configuration. */
    public static final int USAGE = 2;
    /** A system could not be reached or refused the credentials. */
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
