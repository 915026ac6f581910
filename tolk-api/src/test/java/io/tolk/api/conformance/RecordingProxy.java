package io.tolk.api.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A local HTTP proxy in front of a simulator, for tests. It records every request a connector sends (to check them
 * against the vendor's documents and to count them), can cut the connection of chosen requests before or after
 * forwarding them, and can rewrite a request's query on its way through (e.g. a server that ignores paging).
 *
 * <p>Only what goes through the proxy is affected: pointing just a connector's API base at it (its tokens still come
 * straight from the simulator) lets a test cut one create's answer while the connector's own look-ups get through.
 */
public final class RecordingProxy implements AutoCloseable {

    /** One request as the connector sent it ({@code path} and {@code rawQuery} as sent, still encoded). */
    public record Captured(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of a header, matched ignoring case, or null. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** What to do with a request. */
    public enum Action {
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
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile Function<Captured, Action> policy = c -> Action.FORWARD;
    private volatile UnaryOperator<String> queryRewrite = UnaryOperator.identity();
    private volatile Predicate<String> rewriteTargetInAnswersTo = path -> false;

    /** A proxy forwarding to {@code target}: scheme, host and port ({@code http://127.0.0.1:8080}), no path. */
    public RecordingProxy(String target) throws IOException {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A proxy in front of the origin (scheme, host, port) of {@code base}. */
    public static RecordingProxy inFrontOf(URI base) throws IOException {
        return new RecordingProxy(base.getScheme() + "://" + base.getRawAuthority());
    }

    /** {@code http://127.0.0.1:port}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code base} with its origin replaced by this proxy's (same path). */
    public URI via(URI base) {
        return URI.create(baseUrl() + (base.getRawPath() == null ? "" : base.getRawPath()));
    }

    /** Every request received so far, in arrival order. */
    public List<Captured> captured() {
        return new ArrayList<>(captured);
    }

    public void clear() {
        captured.clear();
    }

    /** How many requests were cut (before or after forwarding) so far. */
    public int dropped() {
        return dropped.get();
    }

    /** Decides, per request, whether to forward it or cut it. */
    public void policy(Function<Captured, Action> policy) {
        this.policy = policy;
    }

    /** A policy that cuts the answer of the first request {@code which} accepts, after forwarding it; the rest pass. */
    public static Function<Captured, Action> dropAnswerOfFirst(Predicate<Captured> which) {
        AtomicInteger seen = new AtomicInteger();
        return c -> which.test(c) && seen.getAndIncrement() == 0 ? Action.DROP_AFTER_FORWARD : Action.FORWARD;
    }

    /** Rewrites the raw query (null when there is none) of every forwarded request; the captured request is as sent. */
    public void rewriteQuery(UnaryOperator<String> rewrite) {
        this.queryRewrite = rewrite;
    }

    /**
     * In answers to requests whose path {@code paths} accepts, replaces the target's address by the proxy's (Zoho's
     * token answer names the API domain, which must stay the proxy).
     */
    public void rewriteTargetInAnswersTo(Predicate<String> paths) {
        this.rewriteTargetInAnswersTo = paths;
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
            dropped.incrementAndGet();
            throw new IllegalStateException("proxy: dropped before forwarding");
        }
        String query = queryRewrite.apply(uri.getRawQuery());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                        + (query == null ? "" : "?" + query)))
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
            dropped.incrementAndGet();
            throw new IllegalStateException("proxy: dropped after forwarding");
        }
        byte[] out = r.body();
        if (rewriteTargetInAnswersTo.test(uri.getRawPath())) {
            out = new String(out, StandardCharsets.UTF_8).replace(target, baseUrl()).getBytes(StandardCharsets.UTF_8);
        }
        r.headers().map().forEach((k, vs) -> {
            if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.equalsIgnoreCase("date") && !k.startsWith(":")) {
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
