package io.tolk.zoho;

import io.tolk.api.conformance.RecordingProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.http.RetryPolicy;
import io.tolk.api.http.Sleeper;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.zoho.ZohoSimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Zoho simulator for one test class, with the connector's clock shared with it (so token expiry and
 * {@code Modified_Time} are on one time line), an optional {@link RecordingProxy} in front, and helpers for the
 * simulator's admin API.
 */
final class ZohoSim implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final SimClock clock = new SimClock();
    final ZohoSimulator sim;
    final RecordingProxy proxy;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Sleeper sleeper = sleeps::add;
    private final List<ZohoConnector> connectors = new ArrayList<>();
    private final HttpClient admin = HttpClient.newHttpClient();

    private ZohoSim(boolean noLimits, boolean withProxy) {
        this.sim = ZohoSimulator.start(SimOptions.defaults().withClock(clock).withNoLimits(noLimits));
        try {
            this.proxy = withProxy ? new RecordingProxy(sim.baseUrl()) : null;
            if (proxy != null) {
                proxy.rewriteTargetInAnswersTo(path -> path.endsWith("/oauth/v2/token"));
            }
        } catch (IOException e) {
            sim.close();
            throw new UncheckedIOException(e);
        }
    }

    static ZohoSim start() {
        return new ZohoSim(true, false);
    }

    static ZohoSim withLimits() {
        return new ZohoSim(false, false);
    }

    static ZohoSim withProxy() {
        return new ZohoSim(true, true);
    }

    String base() {
        return proxy != null ? proxy.baseUrl() : sim.baseUrl();
    }

    /** Settings for the demo org, retrying quickly (the sleeper does not sleep). */
    ZohoSettings settings() {
        return ZohoSettings.of(URI.create(base()), URI.create(base()), "demo-client", "demo-secret", "demo-refresh",
                        ZohoEdition.STANDARD)
                .withRetryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    ZohoConnector connector() {
        return connector(settings());
    }

    ZohoConnector connector(ZohoSettings settings) {
        ZohoConnector c = new ZohoConnector(settings, clock, sleeper);
        connectors.add(c);
        return c;
    }

    /** Loads records bypassing validation; returns their ids. Each record is a JSON object text. */
    List<String> fixtures(String module, String... records) {
        String body = "{\"" + module + "\":[" + String.join(",", records) + "]}";
        JsonNode ids = adminPost("/fixtures", body).path(module);
        List<String> out = new ArrayList<>();
        ids.forEach(n -> out.add(n.asText()));
        return out;
    }

    JsonNode adminPost(String path, String body) {
        try {
            HttpResponse<String> r = admin.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/__sim" + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("admin " + path + ": " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long requests(String operation) {
        return sim.counters().requests(operation);
    }

    @Override
    public void close() {
        connectors.forEach(ZohoConnector::close);
        if (proxy != null) {
            proxy.close();
        }
        sim.close();
    }
}
