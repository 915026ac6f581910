package io.tolk.app.config;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code poweroffice:} section: where the API is, the three keys (see the PowerOffice Go v2 docs) and the
 * client-side rate limit.
 *
 * @param requestsPerSecond calls per second tolk allows itself per subscription key: PowerOffice's limit, 10, by
 *                          default; {@code 0} (written {@code off}) for a simulator started without limits
 * @param requestTimeout    the longest one HTTP attempt may take, from sending to the last byte of the answer
 *                          (default 30 s); a stalled answer is given up and retried after it
 */
public record PowerOfficeConfig(URI apiUrl, URI tokenUrl, Secret applicationKey, Secret clientKey,
                                Secret subscriptionKey, double requestsPerSecond, Duration requestTimeout, int line) {
    public static final URI DEFAULT_API_URL = URI.create("https://goapi.poweroffice.net/v2");
    public static final URI DEFAULT_TOKEN_URL = URI.create("https://goapi.poweroffice.net/OAuth/Token");
    public static final double DEFAULT_REQUESTS_PER_SECOND = 10;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
}
