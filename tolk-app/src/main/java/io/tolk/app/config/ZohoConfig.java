package io.tolk.app.config;

import java.util.List;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code zoho:} section: the data centre's API domain and accounts server, the OAuth client and its refresh
 * token, optionally the Zoho field tolk may use as an external id (rule 4; {@code tolk doctor} checks it), and the
 * org's edition (its API limits; default standard), and the Zoho automation tolk's writes trigger ({@code triggers};
 * default none, so the sync's own writes start no workflow), and {@code requestTimeout}: the longest one HTTP attempt
 * may take, from sending to the last byte of the answer (default 60 s; a stalled answer is given up and retried after it).
 */
public record ZohoConfig(URI apiDomain, URI accountsUrl, Secret clientId, Secret clientSecret, Secret refreshToken,
                         String externalIdField, String edition, List<String> triggers, Duration requestTimeout, int line) {
    /** The editions {@code zoho.edition} accepts (they set the credit budget and concurrency). */
    public static final String[] EDITIONS = {"free", "standard", "professional", "enterprise", "ultimate"};

    /** The values {@code zoho.triggers} accepts: Zoho's {@code "trigger"} of insert, update and upsert requests. */
    public static final String[] TRIGGERS = {"workflow", "approval", "blueprint", "pathfinder", "orchestration"};

    public ZohoConfig {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public static final URI DEFAULT_API_DOMAIN = URI.create("https://www.zohoapis.eu");
    public static final URI DEFAULT_ACCOUNTS_URL = URI.create("https://accounts.zoho.eu");
}
