package io.tolk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The simulators' APIs as a person or a test fixture uses them: demo credentials, JSON in and out. */
final class SimHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SimHttp() {
    }

    /** Sends and returns the parsed body (or {@code null} when empty); fails unless the status is 2xx. */
    static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isBlank() ? null : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static HttpRequest.Builder post(String url, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET on the PowerOffice simulator's API ({@code path} below /v2), with a fresh token. */
    static JsonNode poweroffice(String baseUrl, String path) {
        String basic = Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes(StandardCharsets.UTF_8));
        String token = send(HttpRequest.newBuilder(URI.create(baseUrl + "/OAuth/Token"))
                .header("Authorization", "Basic " + basic).header("Ocp-Apim-Subscription-Key", "demo-sub")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))).get("access_token").asText();
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v2" + path)).header("Authorization", "Bearer " + token)
                .header("Ocp-Apim-Subscription-Key", "demo-sub").GET());
    }

    /** A GET on the Zoho simulator's API ({@code path} below /crm/v8), with a fresh token. */
    static JsonNode zoho(String baseUrl, String path) {
        String token = send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=demo-client"
                        + "&client_secret=demo-secret&refresh_token=demo-refresh"))).get("access_token").asText();
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/crm/v8" + path))
                .header("Authorization", "Zoho-oauthtoken " + token).GET());
    }
}
