package io.tolk.zoho;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP proxy in front of the simulator, for tests: records every request the connector sends (to check them
 * against the vendor's OpenAPI documents and to count them), and can cut the connection of chosen requests, before
 * or after forwarding them. Rewrites {@code api_domain} in token responses so the connector keeps calling through it.
 */
final class RecordingProxy implements AutoCloseable {

    /** One request as the connector sent it. */
    record Captured(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** What to do with a request. */
    enum Action {
        FORWARD,
        /** Forward it (so a write is applied) and cut the connection without an answer. */
        DROP_AFTER_FORWARD,
        /** Cut the connection without forwarding: nothing is applied. */
        DROP_BEFORE_FORWARD
    }

    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final String target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private volatile Function<Captured, Action> policy = c -> Action.FORWARD;

    RecordingProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Captured> captured() {
        return new ArrayList<>(captured);
    }

    void clear() {
        captured.clear();
    }

    void policy(Function<Captured, Action> policy) {
        this.policy = policy;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        URI uri = ex.getRequestURI();
        Captured c = new Captured(ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
        captured.add(c);
        Action action = policy.apply(c);
        if (action == Action.DROP_BEFORE_FORWARD) {
            throw new IllegalStateException("proxy: dropped before forwarding");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(c.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!HOP.contains(k.toLowerCase(Locale.ROOT))) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        HttpResponse<byte[]> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (action == Action.DROP_AFTER_FORWARD) {
            throw new IllegalStateException("proxy: dropped after forwarding");
        }
        byte[] out = r.body();
        if (uri.getRawPath().endsWith("/oauth/v2/token")) {
            out = new String(out, StandardCharsets.UTF_8).replace(target, baseUrl()).getBytes(StandardCharsets.UTF_8);
        }
        r.headers().map().forEach((k, vs) -> {
            if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.equalsIgnoreCase("date")) {
                vs.forEach(v -> ex.getResponseHeaders().add(k, v));
            }
        });
        boolean noBody = r.statusCode() == 204 || r.statusCode() == 304 || out.length == 0;
        ex.sendResponseHeaders(r.statusCode(), noBody ? -1 : out.length);
        if (!noBody) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
