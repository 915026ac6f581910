package io.tolk.app.config;

import java.net.URI;

/**
 * The {@code zoho:} section: the data centre's API domain and accounts server, the OAuth client and its refresh
 * token, and optionally the Zoho field tolk may use as an external id (rule 4; {@code tolk doctor} checks it).
 */
public record ZohoConfig(URI apiDomain, URI accountsUrl, Secret clientId, Secret clientSecret, Secret refreshToken,
                         String externalIdField, int line) {
    public static final URI DEFAULT_API_DOMAIN = URI.create("https://www.zohoapis.eu");
    public static final URI DEFAULT_ACCOUNTS_URL = URI.create("https://accounts.zoho.eu");
}
