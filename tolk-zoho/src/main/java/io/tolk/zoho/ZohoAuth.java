package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.http.ApiRequest;
import io.tolk.api.http.ApiResponse;
import io.tolk.api.http.Authenticator;
import io.tolk.api.http.HttpCaller;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Zoho OAuth with a refresh token. Obtains an access token from {@code {accountsUrl}/oauth/v2/token} (a form POST
 * with {@code grant_type=refresh_token}), adopts the {@code api_domain} the answer names, sends
 * {@code Authorization: Zoho-oauthtoken …}, renews the token when less than
 * {@link ZohoSettings#tokenRenewBefore()} of its life is left on the injected clock, and after a 401 (which
 * {@link HttpCaller} reports through {@link #invalidate()}) gets a new one. Thread-safe; one refresh at a time.
 * Neither the tokens nor the client secret ever appear in a message.
 */
final class ZohoAuth implements Authenticator {

    private final ZohoSettings settings;
    private final HttpCaller caller;
    private final Clock clock;
    private final ObjectMapper mapper;

    private String accessToken;
    private Instant renewAt = Instant.MIN;
    private volatile URI apiDomain;
    private long refreshes;

    ZohoAuth(ZohoSettings settings, HttpCaller caller, Clock clock, ObjectMapper mapper) {
        this.settings = settings;
        this.caller = caller;
        this.clock = clock;
        this.mapper = mapper;
        this.apiDomain = settings.apiDomain();
    }

    @Override
    public void authenticate(HttpRequest.Builder builder) {
        builder.header("Authorization", "Zoho-oauthtoken " + token());
    }

    @Override
    public synchronized void invalidate() {
        accessToken = null;
    }

    /** The API domain to call: the configured one until a token response names one. */
    URI apiDomain() {
        return apiDomain;
    }

    /** Token refreshes made so far. */
    synchronized long refreshes() {
        return refreshes;
    }

    /** A valid access token, refreshed first when missing or close to expiry. */
    synchronized String token() {
        if (accessToken == null || !clock.instant().isBefore(renewAt)) {
            refresh();
        }
        return accessToken;
    }

    private void refresh() {
        String form = "refresh_token=" + enc(settings.refreshToken()) + "&client_id=" + enc(settings.clientId())
                + "&client_secret=" + enc(settings.clientSecret()) + "&grant_type=refresh_token";
        URI uri = URI.create(trimSlash(settings.accountsUrl().toString()) + "/oauth/v2/token");
        ApiRequest request = new ApiRequest("refresh access token", null, "POST", uri,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                form.getBytes(StandardCharsets.UTF_8), true);
        Instant asked = clock.instant();
        ApiResponse response;
        try {
            response = caller.send(request);
        } catch (ConnectorException e) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "refresh access token at " + uri
                    + ": accounts server unreachable", e);
        }
        JsonNode body;
        try {
            body = response.hasBody() ? mapper.readTree(response.body()) : mapper.createObjectNode();
        } catch (IOException e) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "refresh access token: HTTP "
                    + response.status() + " with a body that is not JSON", e);
        }
        JsonNode token = body.get("access_token");
        if (response.status() != 200 || token == null || token.asText().isEmpty()) {
            String error = body.path("error").asText("HTTP " + response.status());
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", "refresh access token refused: " + error
                    + " (check the client id, client secret and refresh token, and the accounts server of the org's data centre)");
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        accessToken = token.asText();
        long renewBefore = Math.min(settings.tokenRenewBefore().toSeconds(), expiresIn / 2);
        renewAt = asked.plusSeconds(expiresIn - renewBefore);
        String domain = body.path("api_domain").asText(null);
        if (settings.adoptApiDomain() && domain != null && !domain.isBlank()) {
            apiDomain = URI.create(trimSlash(domain));
        }
        refreshes++;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "ZohoAuth[accounts=" + settings.accountsUrl() + ", apiDomain=" + apiDomain + "]";
    }
}
