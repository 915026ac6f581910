package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * A loopback HTTP proxy in front of a simulator that forwards every request (so the simulator applies it) and, while
 * armed, replaces the answer of the chosen call with a malformed one ({@link Malformation}). Like {@link
 * CutAfterApplyProxy}, the simulator's base URL in answers is rewritten to the proxy's, so the client stays behind it.
 */
final class MalformingProxy implements AutoCloseable {

    /** One call of a system's API: its method and its path (exactly, or as a prefix when it ends in '/'). */
    record Call(String name, String method, String path) {
        boolean matches(HttpExchange ex) {
            String p = ex.getRequestURI().getPath();
            return ex.getRequestMethod().equals(method) && (path.endsWith("/") ? p.startsWith(path) : p.equals(path));
        }
    }

    /** What the answer becomes. */
    enum Malformation {
        TRUNCATED_JSON, STRING_FOR_NUMBER, OBJECT_FOR_ARRAY, MISSING_IDS, HTML_502, HTML_200, EMPTY_200, ERROR_BODY_200;

        private static final String HTML = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                + "<body><h1>Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>";

        Answer apply(int status, byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            return switch (this) {
                case TRUNCATED_JSON -> new Answer(status, "application/json", text.substring(0, text.length() / 2));
                case STRING_FOR_NUMBER -> new Answer(status, "application/json", rewrite(text, this));
                case OBJECT_FOR_ARRAY -> new Answer(status, "application/json", rewrite(text, this));
                case MISSING_IDS -> new Answer(status, "application/json", rewrite(text, this));
                case HTML_502 -> new Answer(502, "text/html", HTML);
                case HTML_200 -> new Answer(200, "text/html", HTML);
                case EMPTY_200 -> new Answer(200, "application/json", "");
                case ERROR_BODY_200 -> new Answer(200, "application/json", "{\"status\":\"error\",\"code\":\"INTERNAL_ERROR\","
                        + "\"error\":\"server_error\",\"message\":\"Something went wrong on our side\",\"details\":{}}");
            };
        }

        private static String rewrite(String text, Malformation how) {
            try {
                return VendorHttp.JSON.writeValueAsString(walk(VendorHttp.JSON.readTree(text), how));
            } catch (IOException e) {
                return text;
            }
        }

        private static JsonNode walk(JsonNode node, Malformation how) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (node.isNumber() && how == STRING_FOR_NUMBER) {
                return f.textNode("n/a");
            }
            if (node.isArray()) {
                ArrayNode items = f.arrayNode();
                node.forEach(e -> items.add(walk(e, how)));
                if (how == OBJECT_FOR_ARRAY) {
                    ObjectNode o = f.objectNode();
                    o.set("items", items);
                    return o;
                }
                return items;
            }
            if (node.isObject()) {
                ObjectNode o = f.objectNode();
                node.fields().forEachRemaining(e -> {
                    if (!(how == MISSING_IDS && e.getKey().equalsIgnoreCase("id"))) {
                        o.set(e.getKey(), walk(e.getValue(), how));
                    }
                });
                return o;
            }
            return node;
        }
    }

    record Answer(int status, String contentType, String body) {
    }

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "content-type");

    private final String target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile Call call;
    private volatile Malformation malformation;
    private final AtomicInteger malformed = new AtomicInteger();

    MalformingProxy(String targetBaseUrl) throws IOException {
        this.target = targetBaseUrl;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, answers of {@code call} are replaced as {@code how} says. */
    void arm(Call call, Malformation how) {
        this.malformation = how;
        this.call = call;
        malformed.set(0);
    }

    void disarm() {
        call = null;
    }

    /** Answers replaced since the last {@link #arm}. */
    int malformed() {
        return malformed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((k, vs) -> {
                if (!HOP_HEADERS.contains(k.toLowerCase()) || k.equalsIgnoreCase("content-type")) {
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
            String real = new String(r.body(), StandardCharsets.UTF_8).replace(target, baseUrl());
            Call armed = call;
            Answer answer = armed != null && armed.matches(ex)
                    ? malformation.apply(r.statusCode(), real.getBytes(StandardCharsets.UTF_8))
                    : new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), real);
            if (armed != null && armed.matches(ex)) {
                malformed.incrementAndGet();
            } else {
                r.headers().map().forEach((k, vs) -> {
                    if (!HOP_HEADERS.contains(k.toLowerCase()) && !k.startsWith(":")) {
                        ex.getResponseHeaders().put(k, List.copyOf(vs));
                    }
                });
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", answer.contentType());
            ex.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
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
