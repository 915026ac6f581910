package io.tolk.app.config;

import java.net.URI;

/**
 * The {@code zoho:} section: the data centre's API domain and accounts server, the OAuth client and its refresh
 * token, optionally the Zoho field tolk may use as an external id (rule 4; {@code tolk doctor} checks it), and the
 * org's edition (its API limits; default standard).
 */
public record ZohoConfig(URI apiDomain, URI accountsUrl, Secret clientId, Secret clientSecret, Secret refreshToken,
                         String externalIdField, String edition, int line) {
    /** The editions {@code zoho.edition} accepts (they set the credit budget and concurrency). */
    public static final String[] EDITIONS = {"free", "standard", "professional", "enterprise", "ultimate"};

    public static final URI DEFAULT_API_DOMAIN = URI.create("https://www.zohoapis.eu");
    public static final URI DEFAULT_ACCOUNTS_URL = URI.create("https://accounts.zoho.eu");
}
