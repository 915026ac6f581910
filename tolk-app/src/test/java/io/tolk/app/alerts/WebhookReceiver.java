package io.tolk.app.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for Slack's incoming webhook: it keeps every POST body it receives at its secret
 * path, and answers each with the next status of a script (200 once the script is used up), as Slack answers
 * {@code ok}.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String PATH = "/services/T0/B0/secret-token-123";

    record Received(String contentType, String body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Integer> script;
    private final AtomicInteger calls = new AtomicInteger();

    WebhookReceiver(Integer... statuses) throws IOException {
        this.script = new ArrayList<>(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int n = calls.getAndIncrement();
                int status;
                synchronized (script) {
                    status = n < script.size() ? script.get(n) : 200;
                }
                if (status == 200) {
                    received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"), body));
                }
                byte[] answer = (status == 200 ? "ok" : "internal_error").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The next message delivered (answered 200), or an AssertionError after the timeout. */
    Received next(Duration timeout) throws InterruptedException {
        Received r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no webhook message within " + timeout);
        }
        return r;
    }

    /** Delivered messages not taken yet. */
    List<Received> pending() {
        return List.copyOf(received);
    }

    /** Requests received, whatever was answered. */
    int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
