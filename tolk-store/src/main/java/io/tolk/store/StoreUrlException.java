package io.tolk.store;

/** The {@code store} setting cannot be understood. The message names the key, the value (credentials redacted) and the accepted forms. */
public class StoreUrlException extends IllegalArgumentException {
    public StoreUrlException(String message) {
        super(message);
    }
}
