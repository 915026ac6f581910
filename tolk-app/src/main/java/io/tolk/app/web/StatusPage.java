package io.tolk.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tolk.engine.EngineStatus;
import io.tolk.engine.FlowStatus;
import io.tolk.engine.store.RunRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A plain HTML status page (refreshing itself every few seconds) at {@code /} and the same data as JSON at
 * {@code /api/status}, on the JDK's HTTP server. Read-only: it shows, it never changes anything.
 */
public final class StatusPage implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<List<EngineStatus>> status;
    private final String token;
    private final Function<EngineStatus, ObjectNode> json;
    private final Supplier<List<String>> recent;
    private final Map<String, String> links;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param status  the current status of every connection shown (called per request)
     * @param json    the JSON form of one connection's status (several connections: an array)
     * @param token   when not null, every request must carry {@code Authorization: Bearer <token>}
     * @param recent  recent cycle summaries, newest first
     * @param links   further links to show (label to URL), e.g. the simulators
     * @throws BindException when the port is taken
     */
    public StatusPage(String bind, int port, Supplier<List<EngineStatus>> status, Function<EngineStatus, ObjectNode> json,
                      Supplier<List<String>> recent, Map<String, String> links, String token) throws IOException {
        this.status = status;
        this.token = token;
        this.json = json;
        this.recent = recent;
        this.links = links;
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tolk-status-page");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where it serves, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return "http://" + host + ":" + a.getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (token != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                send(exchange, 401, "text/plain", "a token is required: Authorization: Bearer <server.token>");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "only GET");
                return;
            }
            switch (path) {
                case "/" -> send(exchange, 200, "text/html; charset=utf-8", html(status.get()));
                case "/api/status" -> send(exchange, 200, "application/json",
                        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json(status.get())));
                default -> send(exchange, 404, "text/plain", "not found");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "status unavailable: " + e.getMessage());
        }
    }

    private Object json(List<EngineStatus> statuses) {
        if (statuses.size() == 1) {
            return json.apply(statuses.get(0));
        }
        return statuses.stream().map(json).toList();
    }

    private boolean authorized(String header) {
        String expected = "Bearer " + token;
        return header != null && java.security.MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    String html(List<EngineStatus> statuses) {
        StringBuilder b = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>tolk status</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child,th:first-child,
                td:nth-child(2){text-align:left}</style></head><body>
                """);
        statuses.forEach(s -> connection(b, s));
        List<String> lines = recent.get();
        if (!lines.isEmpty()) {
            b.append("<h2>Recent cycles</h2><ul>\n");
            lines.forEach(l -> b.append("<li>").append(esc(l)).append("</li>\n"));
            b.append("</ul>\n");
        }
        if (!links.isEmpty()) {
            b.append("<h2>Links</h2><ul>\n");
            links.forEach((label, url) -> b.append("<li>").append(esc(label)).append(": <a href=\"").append(esc(url))
                    .append("\">").append(esc(url)).append("</a></li>\n"));
            b.append("</ul>\n");
        }
        b.append("<p><a href=\"/api/status\">JSON</a></p></body></html>\n");
        return b.toString();
    }

    private static void connection(StringBuilder b, EngineStatus s) {
        b.append("<h1>tolk: connection ").append(esc(s.connection())).append("</h1>\n");
        b.append("<table><tr><th>flow</th><th>records</th><th>linked</th><th>in sync</th><th>filtered out</th><th>failing</th>"
                + "<th>conflicts</th><th>needs review</th></tr>\n");
        for (FlowStatus f : s.flows()) {
            b.append("<tr><td>").append(esc(f.flowId())).append("</td><td>").append(esc(f.title())).append("</td><td>")
                    .append(f.linked()).append("</td><td>").append(f.inSync()).append("</td><td>").append(f.filteredOut())
                    .append("</td><td>").append(f.failing())
                    .append("</td><td>").append(f.conflicts()).append("</td><td>").append(f.needsReview())
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (s.lastCycle().isPresent()) {
            RunRecord r = s.lastCycle().get();
            b.append("<p>Last cycle: started ").append(esc(String.valueOf(r.startedAt()))).append(", outcome ")
                    .append(esc(r.outcome().code())).append(", API calls ").append(esc(String.valueOf(r.apiCalls())))
                    .append("</p>\n");
        } else {
            b.append("<p>No cycle has run yet.</p>\n");
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
