package io.tolk.clients.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The test's notification receiver: an HTTP server on loopback that answers every POST to {@value #PATH} with 200
 * and keeps the JSON bodies (and their Content-Type) for the test to inspect, in arrival order.
 */
final class CallbackListener implements AutoCloseable {
  static final String PATH = "/zoho/notifications";

  /** One callback as received. */
  record Callback(String method, String contentType, JsonNode body) {
  }

  private final HttpServer server;
  private final BlockingQueue<Callback> received = new LinkedBlockingQueue<>();

  CallbackListener() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(PATH, exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode json;
        try {
          json = SdkDriver.JSON.readTree(body);
        } catch (IOException notJson) {
          json = SdkDriver.JSON.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        received.add(new Callback(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"), json));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** The next callback, or null if none arrives within {@code seconds}. */
  Callback next(long seconds) throws InterruptedException {
    return received.poll(seconds, TimeUnit.SECONDS);
  }

  /** The next callback whose operation is {@code operation}, skipping others; null if none arrives in time. */
  Callback next(String operation, long seconds) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < until) {
      Callback c = received.poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())), TimeUnit.MILLISECONDS);
      if (c != null && operation.equals(c.body().path("operation").asText())) return c;
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
