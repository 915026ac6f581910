package io.tolk.app.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Whether a host answers HTTP at all, before anything is asked of it: any answer, whatever its status, means it can be
 * reached. For {@code tolk doctor}, which checks credentials only where the host answers.
 */
final class HostCheck {

    private final Duration timeout;

    HostCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /** Empty when {@code url} answers; else why it cannot be reached, in words (an unknown host named as one). */
    Optional<String> problem(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + url + "' is not a URL");
        }
        if (uri.getHost() == null) {
            return Optional.of("'" + url + "' names no host");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the check was interrupted");
        } catch (IOException | RuntimeException e) {
            return Optional.of(describe(uri, e));
        }
    }

    private String describe(URI uri, Exception e) {
        String host = uri.getHost();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + host + " (the name does not resolve; check the URL)";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection to " + host + " within " + timeout.toSeconds() + " s";
            }
            if (t instanceof HttpTimeoutException) {
                return host + " did not answer within " + timeout.toSeconds() + " s";
            }
            if (t instanceof SSLException) {
                return "the TLS handshake with " + host + " failed: " + t.getMessage();
            }
        }
        if (e instanceof ConnectException) {
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return "nothing answers at " + host + ":" + port + " (connection refused)";
        }
        String message = e.getMessage();
        return "cannot reach " + host + ": " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
