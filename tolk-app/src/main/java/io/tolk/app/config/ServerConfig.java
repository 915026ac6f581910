package io.tolk.app.config;

import java.net.URI;

/** The {@code server:} section of {@code tolk run}: one port for dashboard, API, metrics and webhooks. */
public record ServerConfig(int port, String bind, Secret token, URI publicUrl) {

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
