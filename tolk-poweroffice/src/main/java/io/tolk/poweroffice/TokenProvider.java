package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.http.ApiRequest;
import io.tolk.api.http.ApiResponse;
import io.tolk.api.http.Authenticator;
import io.tolk.api.http.HttpCaller;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * PowerOffice's OAuth client-credentials token: {@code POST tokenUrl} with {@code Basic base64(app:client)} and the
 * subscription key, answered with {@code access_token} and {@code expires_in}. There is no refresh token; a new
 * token is asked for when the current one is within {@code renewalMargin} of expiry (measured on the injected
 * clock, with the margin at most half the lifetime) or after the API refused it (401). Every API request gets
 * {@code Authorization: Bearer ...} and {@code Ocp-Apim-Subscription-Key}. Thread-safe; secrets never appear in
 * messages.
 */
final class TokenProvider implements Authenticator {

    static final String SUBSCRIPTION_HEADER = "Ocp-Apim-Subscription-Key";

    private final PowerOfficeSettings settings;
    private final HttpCaller caller;
    private final Clock clock;
    private final ObjectMapper mapper;

    private String token;
    private Instant renewAt = Instant.MIN;
    private long tokensIssued;

    TokenProvider(PowerOfficeSettings settings, HttpCaller caller, Clock clock, ObjectMapper mapper) {
        this.settings = settings;
        this.caller = caller;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public void authenticate(HttpRequest.Builder builder) {
        builder.header("Authorization", "Bearer " + currentToken());
        builder.header(SUBSCRIPTION_HEADER, settings.subscriptionKey());
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    /** Tokens obtained so far. */
    synchronized long tokensIssued() {
        return tokensIssued;
    }

    /** A valid token, fetched or renewed if needed. */
    synchronized String currentToken() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String basic = Base64.getEncoder().encodeToString(
                (settings.applicationKey() + ":" + settings.clientKey()).getBytes(StandardCharsets.UTF_8));
        ApiRequest request = new ApiRequest("get access token", null, "POST", settings.tokenUrl(),
                Map.of("Authorization", "Basic " + basic,
                        SUBSCRIPTION_HEADER, settings.subscriptionKey(),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Accept", "application/json"),
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8), true);
        Instant asked = clock.instant();
        ApiResponse response = caller.send(request);
        if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, PowerOfficeConnector.SYSTEM,
                    "get access token: credentials refused (HTTP " + response.status() + describeOAuthError(response) + ")");
        }
        if (response.status() != 200) {
            throw new ConnectorException(HttpCaller.isRetryableStatus(response.status()) ? ErrorKind.RETRYABLE : ErrorKind.UNAVAILABLE,
                    PowerOfficeConnector.SYSTEM, "get access token: HTTP " + response.status());
        }
        JsonNode body;
        try {
            body = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM,
                    "get access token: the answer is not JSON", e);
        }
        JsonNode accessToken = body == null ? null : body.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM,
                    "get access token: the answer has no access_token");
        }
        long expiresIn = body.path("expires_in").asLong(600);
        if (expiresIn <= 0) {
            expiresIn = 60;
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration margin = settings.tokenRenewalMargin();
        if (margin.compareTo(lifetime.dividedBy(2)) > 0) {
            margin = lifetime.dividedBy(2);
        }
        token = accessToken.asText();
        renewAt = asked.plus(lifetime).minus(margin);
        tokensIssued++;
    }

    private String describeOAuthError(ApiResponse response) {
        try {
            JsonNode body = mapper.readTree(response.body());
            if (body != null && body.has("error")) {
                String text = ": " + body.path("error").asText();
                if (body.hasNonNull("error_description")) {
                    text += " - " + body.get("error_description").asText();
                }
                return text;
            }
        } catch (IOException ignored) {
            // no usable body
        }
        return "";
    }
}
