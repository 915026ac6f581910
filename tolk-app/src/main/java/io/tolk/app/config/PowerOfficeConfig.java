package io.tolk.app.config;

import java.net.URI;

/** The {@code poweroffice:} section: where the API is and the three keys (see the PowerOffice Go v2 docs). */
public record PowerOfficeConfig(URI apiUrl, URI tokenUrl, Secret applicationKey, Secret clientKey,
                                Secret subscriptionKey, int line) {
    public static final URI DEFAULT_API_URL = URI.create("https://goapi.poweroffice.net/v2");
    public static final URI DEFAULT_TOKEN_URL = URI.create("https://goapi.poweroffice.net/OAuth/Token");
}
