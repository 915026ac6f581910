package io.tolk.app.config;

import java.net.URI;

/**
 * The {@code server:} section of {@code tolk run}: one port for dashboard, API, metrics and webhooks.
 *
 * @param connectionsPoll how often {@code tolk run} looks at the connections folder for added, changed and removed
 *                        files (when {@code connections:} names a folder)
 */
public record ServerConfig(int port, String bind, Secret token, URI publicUrl, java.time.Duration connectionsPoll) {

    /** How often the connections folder is looked at unless {@code server.connectionsPoll} says otherwise. */
    public static final java.time.Duration DEFAULT_CONNECTIONS_POLL = java.time.Duration.ofSeconds(5);

    public ServerConfig(int port, String bind, Secret token, URI publicUrl) {
        this(port, bind, token, publicUrl, DEFAULT_CONNECTIONS_POLL);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(8080, "127.0.0.1", null, null);
    }

    /** True when the server listens on loopback only. */
    public boolean loopbackOnly() {
        return isLoopback(bind);
    }

    static boolean isLoopback(String address) {
        return address.equals("127.0.0.1") || address.equals("localhost") || address.equals("::1")
                || address.startsWith("127.");
    }
}
