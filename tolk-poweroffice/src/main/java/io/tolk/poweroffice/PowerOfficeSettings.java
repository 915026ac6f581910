package io.tolk.poweroffice;

import io.tolk.api.http.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one PowerOffice Go client. {@link #toString()} never shows the keys.
 *
 * @param apiUrl            the API base, e.g. {@code https://goapi.poweroffice.net/v2} (demo: {@code .../Demo/v2})
 * @param tokenUrl          the OAuth token endpoint, e.g. {@code https://goapi.poweroffice.net/OAuth/Token}
 * @param applicationKey    the integration's application key (secret)
 * @param clientKey         the Go client's client key (secret)
 * @param subscriptionKey   the developer-portal subscription key (secret; also the rate-limit key)
 * @param pageSize          rows per list call, 1..20 000 (the API's maximum, and the default: fewest calls)
 * @param requestTimeout    deadline of one HTTP attempt, from sending to the last byte of the body
 * @param tokenRenewalMargin how long before {@code expires_in} runs out a token is renewed
 * @param retryPolicy       retries of 429, 5xx and I/O failures
 * @param requestsPerSecond the client-side limit per subscription key (PowerOffice allows 10); {@code <= 0} turns the
 *                          limiter off (only for simulators started without limits)
 */
public record PowerOfficeSettings(URI apiUrl, URI tokenUrl, String applicationKey, String clientKey, String subscriptionKey,
                                  int pageSize, Duration requestTimeout, Duration tokenRenewalMargin,
                                  RetryPolicy retryPolicy, double requestsPerSecond) {

    /** The API's largest page. */
    public static final int MAX_PAGE_SIZE = 20_000;
    /** PowerOffice's limit per subscription key. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 10;

    public PowerOfficeSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        requireText(applicationKey, "applicationKey");
        requireText(clientKey, "clientKey");
        requireText(subscriptionKey, "subscriptionKey");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(tokenRenewalMargin, "tokenRenewalMargin");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        String base = apiUrl.toString();
        if (base.endsWith("/")) {
            apiUrl = URI.create(base.substring(0, base.length() - 1));
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** Production-like defaults: largest pages, 30 s timeout, renew 60 s early, default retries, 10 requests/s. */
    public static PowerOfficeSettings of(URI apiUrl, URI tokenUrl, String applicationKey, String clientKey, String subscriptionKey) {
        return new PowerOfficeSettings(apiUrl, tokenUrl, applicationKey, clientKey, subscriptionKey, MAX_PAGE_SIZE,
                Duration.ofSeconds(30), Duration.ofSeconds(60), RetryPolicy.defaults(), DEFAULT_REQUESTS_PER_SECOND);
    }

    public PowerOfficeSettings withPageSize(int value) {
        return new PowerOfficeSettings(apiUrl, tokenUrl, applicationKey, clientKey, subscriptionKey, value, requestTimeout,
                tokenRenewalMargin, retryPolicy, requestsPerSecond);
    }

    public PowerOfficeSettings withApiUrl(URI value) {
        return new PowerOfficeSettings(value, tokenUrl, applicationKey, clientKey, subscriptionKey, pageSize, requestTimeout,
                tokenRenewalMargin, retryPolicy, requestsPerSecond);
    }

    public PowerOfficeSettings withRequestTimeout(Duration value) {
        return new PowerOfficeSettings(apiUrl, tokenUrl, applicationKey, clientKey, subscriptionKey, pageSize, value,
                tokenRenewalMargin, retryPolicy, requestsPerSecond);
    }

    public PowerOfficeSettings withTokenRenewalMargin(Duration value) {
        return new PowerOfficeSettings(apiUrl, tokenUrl, applicationKey, clientKey, subscriptionKey, pageSize, requestTimeout,
                value, retryPolicy, requestsPerSecond);
    }

    public PowerOfficeSettings withRetryPolicy(RetryPolicy value) {
        return new PowerOfficeSettings(apiUrl, tokenUrl, applicationKey, clientKey, subscriptionKey, pageSize, requestTimeout,
                tokenRenewalMargin, value, requestsPerSecond);
    }

    public PowerOfficeSettings withRequestsPerSecond(double value) {
        return new PowerOfficeSettings(apiUrl, tokenUrl, applicationKey, clientKey, subscriptionKey, pageSize, requestTimeout,
                tokenRenewalMargin, retryPolicy, value);
    }

    /** Settings without the secrets: keys appear as {@code ***}. */
    @Override
    public String toString() {
        return "PowerOfficeSettings[apiUrl=" + apiUrl + ", tokenUrl=" + tokenUrl
                + ", applicationKey=***, clientKey=***, subscriptionKey=***, pageSize=" + pageSize
                + ", requestTimeout=" + requestTimeout + ", tokenRenewalMargin=" + tokenRenewalMargin
                + ", retryPolicy=" + retryPolicy + ", requestsPerSecond=" + requestsPerSecond + "]";
    }
}
