package io.tolk.sim.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small real-HTTP client for the simulator tests: gets a token once and sends Zoho-authenticated calls. */
final class ZohoHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: status, headers, raw text and parsed JSON (MissingNode when the body is empty or not JSON). */
  record Resp(int status, HttpResponse<String> raw, JsonNode json) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String text() {
      return raw.body();
    }

    /** The n-th item of data[]. */
    JsonNode item(int n) {
      return json.path("data").path(n);
    }
  }

  private final String baseUrl;
  private final String refreshToken;
  private String token;

  ZohoHttp(String baseUrl) {
    this(baseUrl, "demo-refresh");
  }

  /** A client of the org this refresh token names (demo client id and secret). */
  ZohoHttp(String baseUrl, String refreshToken) {
    this.baseUrl = baseUrl;
    this.refreshToken = refreshToken;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** Fetches a token with the demo client and this client's refresh token. */
  String token() {
    if (token == null) token = refresh("demo-client", "demo-secret", refreshToken).json.path("access_token").asText(null);
    return token;
  }

  void forgetToken() {
    token = null;
  }

  Resp refresh(String clientId, String secret, String refreshToken) {
    String form = "refresh_token=" + enc(refreshToken) + "&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
        + "&grant_type=refresh_token";
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/v2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Resp get(String path, String... headers) {
    return call("GET", path, null, headers);
  }

  Resp post(String path, Object body, String... headers) {
    return call("POST", path, body, headers);
  }

  Resp put(String path, Object body, String... headers) {
    return call("PUT", path, body, headers);
  }

  Resp delete(String path, String... headers) {
    return call("DELETE", path, null, headers);
  }

  /** An API call with {@code Authorization: Zoho-oauthtoken <token>}; body: a String is sent as is, else as JSON. */
  Resp call(String method, String path, Object body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Zoho-oauthtoken " + token());
    for (int i = 0; i + 1 < headers.length; i += 2) b.setHeader(headers[i], headers[i + 1]);
    return send(b.method(method, publisher(body)));
  }

  /** A call without the Authorization header unless given in headers. */
  Resp raw(String method, String path, Object body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) b.setHeader(headers[i], headers[i + 1]);
    return send(b.method(method, publisher(body)));
  }

  /** Admin calls under /__sim. */
  Resp admin(String subPath, Object body) {
    return raw("POST", "/__sim" + subPath, body == null ? "{}" : body, "Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    if (body == null) return HttpRequest.BodyPublishers.noBody();
    try {
      byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : body instanceof byte[] a ? a
          : JSON.writeValueAsBytes(body);
      return HttpRequest.BodyPublishers.ofByteArray(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Resp send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = MissingNode.getInstance();
      if (r.body() != null && !r.body().isEmpty()) {
        try {
          json = JSON.readTree(r.body());
        } catch (IOException notJson) {
          json = MissingNode.getInstance();
        }
      }
      return new Resp(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
