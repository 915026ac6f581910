package io.tolk.api.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's HTTP clients: one {@link HttpClient} (HTTP/1.1) per connect timeout, shared by every connector of
 * every connection. A JDK client is thread-safe, pools its connections per host and runs one selector thread, so a
 * process serving hundreds of connections keeps a few clients and a pool of warm connections per API host, rather
 * than two clients, two selector threads and two idle connection pools per connection. Sharing does not couple the
 * connections' calls: each call has its own deadline (see {@link HttpCaller}), a busy connection makes the pool open
 * another, and the clients live as long as the process.
 */
public final class SharedHttpClients {

    private static final Map<Duration, HttpClient> BY_CONNECT_TIMEOUT = new ConcurrentHashMap<>();

    private SharedHttpClients() {
    }

    /** The shared client whose connection attempts give up after {@code connectTimeout}. */
    public static HttpClient withConnectTimeout(Duration connectTimeout) {
        return BY_CONNECT_TIMEOUT.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }
}
