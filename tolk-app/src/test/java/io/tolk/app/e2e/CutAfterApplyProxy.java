package io.tolk.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of a simulator that forwards every request, except that, while armed, requests the
 * predicate picks are forwarded (so the simulator APPLIES them) and then the client's connection is cut with no response:
 * the simulator's {@code drop} fault, limited to chosen operations (the simulator's own fault applies to reads as well,
 * which would stop a cycle before it ever creates anything). The simulator's base URL in response bodies (Zoho's token
 * answer carries {@code api_domain}) is rewritten to the proxy's, so the client stays behind the proxy.
 */
final class CutAfterApplyProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final String target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Predicate<HttpExchange> cut;
    private volatile boolean armed;
    private final AtomicInteger cuts = new AtomicInteger();

    CutAfterApplyProxy(String targetBaseUrl, Predicate<HttpExchange> cut) throws IOException {
        this.target = targetBaseUrl;
        this.cut = cut;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void arm(boolean on) {
        armed = on;
    }

    int cuts() {
        return cuts.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((k, vs) -> {
                if (!HOP_HEADERS.contains(k.toLowerCase())) {
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
            if (armed && cut.test(ex)) {
                cuts.incrementAndGet();
                // applied upstream; closing the exchange before any header cuts the connection
                throw new IOException("cut after apply");
            }
            byte[] out = new String(r.body(), StandardCharsets.UTF_8).replace(target, baseUrl())
                    .getBytes(StandardCharsets.UTF_8);
            r.headers().map().forEach((k, vs) -> {
                if (!HOP_HEADERS.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, List.copyOf(vs));
                }
            });
            ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
