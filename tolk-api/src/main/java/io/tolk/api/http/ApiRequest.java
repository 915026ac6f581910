package io.tolk.api.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP call to make, described so that {@link HttpCaller} can build it afresh for every attempt (with a new
 * token after a 401).
 *
 * @param operation  what the call does, for messages ("list Customers", "create Customer")
 * @param record     the record concerned (id or idempotency key), for messages; {@code null} for none
 * @param method     GET, POST, PATCH, PUT, DELETE
 * @param uri        the full URI
 * @param headers    headers besides authentication (Content-Type, Accept, ...)
 * @param body       the body, or {@code null} for none
 * @param idempotent whether repeating the call after an I/O error is harmless: GET, PATCH of absolute values,
 *                   DELETE and PUT are; a POST that creates is not, and its I/O errors after sending are reported
 *                   as {@link io.tolk.api.ErrorKind#UNKNOWN_OUTCOME} instead of retried
 */
public record ApiRequest(String operation, String record, String method, URI uri, Map<String, String> headers,
                         byte[] body, boolean idempotent) {

    public ApiRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    }

    /** An idempotent GET accepting JSON. */
    public static ApiRequest get(String operation, String record, URI uri) {
        return new ApiRequest(operation, record, "GET", uri, Map.of("Accept", "application/json"), null, true);
    }

    /** The same request with {@code idempotent} changed. */
    public ApiRequest withIdempotent(boolean value) {
        return new ApiRequest(operation, record, method, uri, headers, body, value);
    }

    /** The operation and record for messages: {@code create Customer tolk-abc}. */
    public String describe() {
        return record == null ? operation : operation + " " + record;
    }

    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + uri.getPath() + " " + describe() + "]";
    }
}
