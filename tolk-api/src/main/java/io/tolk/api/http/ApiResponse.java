package io.tolk.api.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A response whose body has been read completely within the call's deadline.
 *
 * @param status  the HTTP status
 * @param headers the response headers
 * @param body    the whole body; empty (never null) when there was none
 */
public record ApiResponse(int status, HttpHeaders headers, byte[] body) {

    public ApiResponse {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, name case-insensitive. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Whether a body is present. */
    public boolean hasBody() {
        return body.length > 0;
    }

    @Override
    public String toString() {
        return "ApiResponse[status=" + status + ", bodyBytes=" + body.length + "]";
    }
}
