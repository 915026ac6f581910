package io.tolk.api.http;

import java.net.http.HttpRequest;

/**
 * Adds credentials to requests. {@link HttpCaller#send(ApiRequest, Authenticator)} calls {@link #authenticate} for every
 * attempt of a request and, when the server answers 401, calls
 * {@link #invalidate} and retries the request once. Implementations must be thread-safe and must not put secrets in
 * exception messages.
 */
public interface Authenticator {

    /** Adds the credential headers; obtains or renews a token first when needed. */
    void authenticate(HttpRequest.Builder builder);

    /** The server refused the credential last added: the next {@link #authenticate} must get a fresh one. */
    void invalidate();

    /** No credentials. */
    Authenticator NONE = new Authenticator() {
        @Override
        public void authenticate(HttpRequest.Builder builder) {
        }

        @Override
        public void invalidate() {
        }
    };
}
