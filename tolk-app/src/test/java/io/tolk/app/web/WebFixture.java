package io.tolk.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.ServerConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.app.wiring.EngineSession;
import io.tolk.engine.store.Store;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoModule;
import io.tolk.sim.zoho.ZohoSimulator;
import io.tolk.store.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin server over a real service: both simulators in-process (vendor limits off), an SQLite store in a folder,
 * one connection's engine session, {@link TestService} and the {@link AdminServer} on a free loopback port.
 */
final class WebFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final PowerOfficeSimulator po;
    final ZohoSimulator zoho;
    final Store store;
    final EngineSession session;
    final TestService service;
    final AdminServer server;
    final List<Map<String, String>> webhookCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String poToken;

    /** @param token the server's admin token, or {@code null} for none */
    WebFixture(Path dir, int records, String token) {
        Clock clock = Clock.systemUTC();
        po = PowerOfficeSimulator.start(SimOptions.defaults().withRecords(records).withNoLimits(true));
        zoho = ZohoSimulator.start(SimOptions.defaults().withRecords(records).withNoLimits(true));
        try {
            Path yaml = dir.resolve("tolk.yaml");
            Files.writeString(yaml, "store: sqlite:./tolk.db\n"
                    + String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl().replaceAll("/$", ""))) + "\n"
                    + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl().replaceAll("/$", ""))) + "\n"
                    + "sync:\n  interval: 1h\n");
            TolkConfig config = new ConfigLoader(name -> null).load(yaml);
            store = JdbcStore.open(config.storeUrl(), clock);
            session = EngineSession.open(store, config.connections().get(0), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new TestService(List.of(session), clock);
        ServerConfig serverConfig = new ServerConfig(0, "127.0.0.1", token == null ? null : io.tolk.app.config.Secret.of(token), null);
        server = AdminServer.start(service, serverConfig, () -> "# HELP tolk_up 1 when tolk runs\ntolk_up 1\n",
                (headers, body) -> {
                    Map<String, String> call = new LinkedHashMap<>(headers);
                    call.put("(body)", body);
                    webhookCalls.add(call);
                    return 202;
                }, clock);
    }

    String url() {
        return server.url();
    }

    // ------------------------------------------------------------------ the simulators as a person uses them

    /** Loads PowerOffice records without validation (legacy data); returns the ids given to the customers. */
    List<Long> poFixtureCustomers(List<Map<String, Object>> customers) {
        JsonNode ids = send(post(po.baseUrl().replaceAll("/$", "") + "/__sim/fixtures", Map.of("customers", customers))).body;
        return java.util.stream.StreamSupport.stream(ids.get("customers").spliterator(), false).map(JsonNode::asLong).toList();
    }

    /** Loads Zoho records without validation; returns their ids. */
    List<String> zohoFixtures(String module, List<Map<String, Object>> records) {
        JsonNode ids = send(post(zoho.baseUrl().replaceAll("/$", "") + "/__sim/fixtures", Map.of(module, records))).body;
        return java.util.stream.StreamSupport.stream(ids.get(module).spliterator(), false).map(JsonNode::asText).toList();
    }

    /** Sets one property of a PowerOffice customer by JSON Patch, as a person editing it would. */
    void poPatchCustomer(long id, String path, Object value) {
        Map<String, Object> op = Map.of("op", "replace", "path", path, "value", value);
        send(poRequest("/Customers/" + id).header("Content-Type", "application/json-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(List.of(op)))));
    }

    /** PowerOffice's customers (all of them: one page of up to 20 000). */
    List<JsonNode> poCustomers() {
        return list(send(poRequest("/Customers?PageSize=20000").GET()).body);
    }

    List<JsonNode> poDepartments() {
        return list(send(poRequest("/Departments?PageSize=20000").GET()).body);
    }

    int zohoCount(ZohoModule module) {
        return zoho.recordCount(module);
    }

    private HttpRequest.Builder poRequest(String path) {
        if (poToken == null) {
            String basic = Base64.getEncoder().encodeToString("demo-app:demo-client".getBytes(StandardCharsets.UTF_8));
            poToken = send(HttpRequest.newBuilder(URI.create(po.baseUrl().replaceAll("/$", "") + "/OAuth/Token"))
                    .header("Authorization", "Basic " + basic).header("Ocp-Apim-Subscription-Key", "demo-sub")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))).body.get("access_token").asText();
        }
        return HttpRequest.newBuilder(URI.create(po.baseUrl().replaceAll("/$", "") + "/v2" + path))
                .header("Authorization", "Bearer " + poToken).header("Ocp-Apim-Subscription-Key", "demo-sub");
    }

    private static List<JsonNode> list(JsonNode body) {
        List<JsonNode> out = new java.util.ArrayList<>();
        if (body != null) {
            body.forEach(out::add);
        }
        return out;
    }

    // ------------------------------------------------------------------ HTTP

    /** A response: status, headers and the body parsed as JSON ({@code null} when empty or not JSON). */
    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Answer call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = null;
            try {
                body = r.body().isBlank() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Answer(r.statusCode(), r, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Like {@link #call} but fails unless the answer is 2xx. */
    static Answer send(HttpRequest.Builder request) {
        Answer a = call(request);
        if (a.status() / 100 != 2) {
            throw new AssertionError(a.raw().request().method() + " " + a.raw().uri() + " answered " + a.status() + ": "
                    + a.raw().body());
        }
        return a;
    }

    static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    static HttpRequest.Builder post(String url, Object body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        service.close();
        session.close();
        store.close();
        po.close();
        zoho.close();
    }
}
