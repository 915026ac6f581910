package io.tolk.app.web.api;

/**
 * A request the admin API answers with an error: {@code 400} bad input, {@code 404} an unknown connection or record,
 * {@code 409} a decision that cannot be made in the current state. The message says what was wrong and is shown to
 * the person as it is.
 */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public int status() {
        return status;
    }
}
