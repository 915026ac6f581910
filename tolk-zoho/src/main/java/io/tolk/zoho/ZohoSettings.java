package io.tolk.zoho;

import io.tolk.api.http.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a {@link ZohoConnector} needs to reach one Zoho CRM org. Immutable; {@link #toString()} never shows
 * the client secret or the refresh token.
 *
 * @param apiDomain        where API calls go until a token response names another ({@code api_domain} is adopted),
 *                         e.g. {@code https://www.zohoapis.eu}
 * @param accountsUrl      the accounts server of the org's data centre, e.g. {@code https://accounts.zoho.eu}; tokens
 *                         are refreshed at {@code {accountsUrl}/oauth/v2/token}
 * @param clientId         the OAuth client id
 * @param clientSecret     the OAuth client secret (secret)
 * @param refreshToken     the OAuth refresh token (secret)
 * @param apiVersion       the API version in the path, {@code v8}
 * @param externalIdField  a custom unique text field, on both modules, where create idempotency keys are stored
 *                         (e.g. {@code Tolk_Key}); {@code null} when there is none, and then a create with an
 *                         unknown outcome is resolved by its match keys
 * @param triggers         the automation to run on writes ({@code "trigger"} of the request); empty (the default)
 *                         runs no workflows, approvals or blueprints for the sync's writes
 * @param creditBudget     the API credits this connector may spend per rolling 24 hours (the org's edition limit,
 *                         or less to leave room for other integrations); calls past it are refused
 * @param concurrency      the most calls in flight at once for this org (Zoho's per-edition concurrency limit)
 * @param connectTimeout   the longest wait for a connection
 * @param callTimeout      the longest wait for a whole response, body included
 * @param retryPolicy      how transient failures (429, 5xx, I/O errors on idempotent calls) are retried
 * @param changeOverlap    how far before the last change seen an incremental read looks again, beyond the second
 *                         that change carries (guards against late commits and one-second resolution)
 * @param tokenRenewBefore an access token is renewed when it has less than this left
 * @param pageSize         records per page on reads, 1 to 200 (Zoho's maximum, the default; smaller only for tests)
 * @param adoptApiDomain   whether the {@code api_domain} of a token response replaces {@code apiDomain} (the default,
 *                         as Zoho's SDK does; off only to point the API calls somewhere else in tests)
 */
public record ZohoSettings(URI apiDomain, URI accountsUrl, String clientId, String clientSecret, String refreshToken,
                           String apiVersion, String externalIdField, List<String> triggers, long creditBudget,
                           int concurrency, Duration connectTimeout, Duration callTimeout, RetryPolicy retryPolicy,
                           Duration changeOverlap, Duration tokenRenewBefore, int pageSize, boolean adoptApiDomain) {

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");

    public ZohoSettings {
        Objects.requireNonNull(apiDomain, "apiDomain");
        Objects.requireNonNull(accountsUrl, "accountsUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
        apiVersion = apiVersion == null ? "v8" : apiVersion;
        if (externalIdField != null && externalIdField.isBlank()) {
            externalIdField = null;
        }
        if (externalIdField != null && !API_NAME.matcher(externalIdField).matches()) {
            throw new IllegalArgumentException("zoho: externalIdField '" + externalIdField + "' is not a field API name");
        }
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        if (creditBudget < 1) {
            throw new IllegalArgumentException("zoho: creditBudget must be at least 1, was " + creditBudget);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("zoho: concurrency must be at least 1, was " + concurrency);
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        callTimeout = callTimeout == null ? Duration.ofSeconds(60) : callTimeout;
        retryPolicy = retryPolicy == null ? RetryPolicy.defaults() : retryPolicy;
        changeOverlap = changeOverlap == null ? Duration.ofSeconds(1) : changeOverlap;
        if (changeOverlap.isNegative()) {
            throw new IllegalArgumentException("zoho: changeOverlap must not be negative");
        }
        tokenRenewBefore = tokenRenewBefore == null ? Duration.ofMinutes(5) : tokenRenewBefore;
        pageSize = pageSize == 0 ? 200 : pageSize;
        if (pageSize < 1 || pageSize > 200) {
            throw new IllegalArgumentException("zoho: pageSize must be 1 to 200, was " + pageSize);
        }
    }

    /**
     * Settings for an org of the given edition in the data centre of {@code apiDomain}/{@code accountsUrl}, with
     * the edition's base credits and concurrency, no external-id field, no triggers and default timeouts.
     */
    public static ZohoSettings of(URI apiDomain, URI accountsUrl, String clientId, String clientSecret,
                                  String refreshToken, ZohoEdition edition) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, "v8", null, List.of(),
                edition.baseCredits(), edition.concurrency(), null, null, null, null, null, 200, true);
    }

    public ZohoSettings withExternalIdField(String field) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, field, triggers,
                creditBudget, concurrency, connectTimeout, callTimeout, retryPolicy, changeOverlap, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withTriggers(List<String> value) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                value, creditBudget, concurrency, connectTimeout, callTimeout, retryPolicy, changeOverlap, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withLimits(long credits, int maxConcurrent) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, credits, maxConcurrent, connectTimeout, callTimeout, retryPolicy, changeOverlap, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withTimeouts(Duration connect, Duration call) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, creditBudget, concurrency, connect, call, retryPolicy, changeOverlap, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withRetryPolicy(RetryPolicy value) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, creditBudget, concurrency, connectTimeout, callTimeout, value, changeOverlap, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withChangeOverlap(Duration value) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, creditBudget, concurrency, connectTimeout, callTimeout, retryPolicy, value, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withApiDomain(URI value) {
        return new ZohoSettings(value, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, creditBudget, concurrency, connectTimeout, callTimeout, retryPolicy, changeOverlap, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withAccountsUrl(URI value) {
        return new ZohoSettings(apiDomain, value, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, creditBudget, concurrency, connectTimeout, callTimeout, retryPolicy, changeOverlap, tokenRenewBefore, pageSize, adoptApiDomain);
    }

    public ZohoSettings withPageSize(int value) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, creditBudget, concurrency, connectTimeout, callTimeout, retryPolicy, changeOverlap, tokenRenewBefore,
                value, adoptApiDomain);
    }

    public ZohoSettings withAdoptApiDomain(boolean value) {
        return new ZohoSettings(apiDomain, accountsUrl, clientId, clientSecret, refreshToken, apiVersion, externalIdField,
                triggers, creditBudget, concurrency, connectTimeout, callTimeout, retryPolicy, changeOverlap, tokenRenewBefore,
                pageSize, value);
    }

    @Override
    public String toString() {
        return "ZohoSettings[apiDomain=" + apiDomain + ", accountsUrl=" + accountsUrl + ", clientId=" + clientId
                + ", clientSecret=***, refreshToken=***, apiVersion=" + apiVersion + ", externalIdField=" + externalIdField
                + ", triggers=" + triggers + ", creditBudget=" + creditBudget + ", concurrency=" + concurrency
                + ", connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout + ", retryPolicy=" + retryPolicy
                + ", changeOverlap=" + changeOverlap + ", tokenRenewBefore=" + tokenRenewBefore + ", pageSize=" + pageSize
                + ", adoptApiDomain=" + adoptApiDomain + "]";
    }
}
