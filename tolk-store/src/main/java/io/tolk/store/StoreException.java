package io.tolk.store;

/** The store could not do what was asked. The message names the store (never its password) and the operation. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
