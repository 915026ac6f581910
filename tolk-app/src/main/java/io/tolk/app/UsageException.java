package io.tolk.app;

/** The user asked for something that cannot be done as asked; the message says what to do instead. Exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
