package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.http.RetryPolicy;
import io.tolk.api.http.Sleeper;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A PowerOffice simulator started in-process for a test, with its back door (fixtures, faults, token expiry,
 * clock) and connectors pointed at it with test-fast settings: 1 s deadline, 5 attempts, waits capped at 20 ms
 * (a simulated Retry-After of 1 s is not really waited), no client-side limiter unless asked for.
 */
final class SimulatorHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Waits at most 20 ms whatever is asked, so retries are real but quick. */
    static final Sleeper FAST = d -> Sleeper.SYSTEM.sleep(d.compareTo(Duration.ofMillis(20)) > 0 ? Duration.ofMillis(20) : d);

    final PowerOfficeSimulator sim;
    private final HttpClient http = HttpClient.newHttpClient();

    SimulatorHarness(boolean limits) {
        this.sim = PowerOfficeSimulator.start(SimOptions.defaults().withNoLimits(!limits));
    }

    SimulatorHarness() {
        this(false);
    }

    PowerOfficeSettings settings() {
        return settingsFor(sim);
    }

    /** Test-fast settings for any simulator with the demo keys. */
    static PowerOfficeSettings settingsFor(PowerOfficeSimulator sim) {
        return PowerOfficeSettings.of(URI.create(sim.apiUrl()), URI.create(sim.tokenUrl()), "demo-app", "demo-client", "demo-sub")
                .withRequestTimeout(Duration.ofSeconds(1))
                .withRetryPolicy(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20)))
                .withRequestsPerSecond(0);
    }

    PowerOfficeConnector connector(PowerOfficeSettings settings) {
        return new PowerOfficeConnector(settings, sim.clock(), FAST, new Random(7));
    }

    PowerOfficeConnector connector() {
        return connector(settings());
    }

    /** Loads fixtures ({"customers":[...]} etc.) and returns the assigned ids per collection. */
    Map<String, List<Long>> fixtures(Map<String, Object> body) {
        JsonNode answer = admin("/fixtures", body);
        Map<String, List<Long>> ids = new java.util.LinkedHashMap<>();
        answer.fields().forEachRemaining(e -> {
            List<Long> list = new ArrayList<>();
            e.getValue().forEach(n -> list.add(n.asLong()));
            ids.put(e.getKey(), list);
        });
        return ids;
    }

    long insertCustomer(Map<String, Object> customer) {
        return fixtures(Map.of("customers", List.of(customer))).get("customers").get(0);
    }

    void setFaults(String spec) {
        sim.server().setFaults(Faults.parse(spec));
    }

    void expireTokens() {
        admin("/tokens/expire", Map.of());
    }

    /** Calls the API directly (own token), bypassing the connector. */
    HttpResponse<String> direct(String method, String path, String contentType, String body) {
        try {
            HttpRequest token = HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes(StandardCharsets.UTF_8)))
                    .header("Ocp-Apim-Subscription-Key", "demo-sub")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            String accessToken = JSON.readTree(http.send(token, HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.apiUrl() + path))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Ocp-Apim-Subscription-Key", "demo-sub");
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode admin(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/__sim" + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
