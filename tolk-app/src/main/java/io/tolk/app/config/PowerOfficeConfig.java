package io.tolk.app.config;

import java.net.URI;

/**
 * The {@code poweroffice:} section: where the API is, the three keys (see the PowerOffice Go v2 docs) and the
 * client-side rate limit.
 *
 * @param requestsPerSecond calls per second tolk allows itself per subscription key: PowerOffice's limit, 10, by
 *                          default; {@code 0} (written {@code off}) for a simulator started without limits
 */
public record PowerOfficeConfig(URI apiUrl, URI tokenUrl, Secret applicationKey, Secret clientKey,
                                Secret subscriptionKey, double requestsPerSecond, int line) {
    public static final URI DEFAULT_API_URL = URI.create("https://goapi.poweroffice.net/v2");
    public static final URI DEFAULT_TOKEN_URL = URI.create("https://goapi.poweroffice.net/OAuth/Token");
    public static final double DEFAULT_REQUESTS_PER_SECOND = 10;
}
