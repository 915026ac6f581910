package io.tolk.app.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The {@code alerts:} section: where tolk says that a connection turned failing or stale, or recovered.
 *
 * @param webhook a Slack or Teams incoming-webhook URL (its path is the credential, so it is kept as a secret), or null
 * @param email   SMTP delivery, or null
 */
public record AlertsConfig(Secret webhook, Email email) {

    public static AlertsConfig none() {
        return new AlertsConfig(null, null);
    }

    /** Whether any channel is configured. */
    public boolean enabled() {
        return webhook != null || email != null;
    }

    /** The webhook's address as it may be shown: scheme and host only (the rest is the credential). */
    public String webhookDisplay() {
        if (webhook == null) {
            return null;
        }
        URI uri = URI.create(webhook.reveal());
        return uri.getScheme() + "://" + uri.getHost() + "/…";
    }

    /** How the SMTP connection is protected. */
    public enum Tls {
        /** Plain connection upgraded with STARTTLS, which must succeed (port 587). */
        STARTTLS(587),
        /** TLS from the first byte (SMTPS, port 465). */
        SSL(465),
        /** No encryption: only for a relay on a trusted network, and never with a password. */
        NONE(25);

        private final int defaultPort;

        Tls(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * SMTP settings.
     *
     * @param host     the SMTP server
     * @param port     its port (default by {@code tls}: 587, 465 or 25)
     * @param tls      how the connection is protected
     * @param username the login, or null for a relay that takes mail without one
     * @param password the login's password (null exactly when {@code username} is)
     * @param from     the sender address
     * @param to       the recipients, at least one
     */
    public record Email(String host, int port, Tls tls, String username, Secret password, String from, List<String> to) {
        public Email {
            to = List.copyOf(to);
        }
    }
}
