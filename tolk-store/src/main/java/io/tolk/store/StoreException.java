package io.tolk.store;

/**
 * The store could not do what was asked. The message names the store (never its password) and the operation.
 * {@link #isConfiguration()} tells a setting that points nowhere usable (a missing directory, a path that is not a
 * database, a refused login or an unknown database or host) from a store that failed while in use.
 */
public class StoreException extends RuntimeException {

    private final boolean configuration;

    public StoreException(String message) {
        this(message, null, false);
    }

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreException(String message, Throwable cause, boolean configuration) {
        super(message, cause);
        this.configuration = configuration;
    }

    /** A store the {@code store} setting cannot reach as written: fix the setting (or the environment it names). */
    public static StoreException configuration(String message, Throwable cause) {
        return new StoreException(message, cause, true);
    }

    /** Whether the {@code store} setting (or the credentials it takes from the environment) is what must change. */
    public boolean isConfiguration() {
        return configuration;
    }
}
