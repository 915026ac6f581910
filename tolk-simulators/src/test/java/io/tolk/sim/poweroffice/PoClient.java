package io.tolk.sim.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small test client for the PowerOffice simulator: real HTTP, demo keys (or a tenant's), one bearer token. */
final class PoClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final PowerOfficeSimulator sim;
  final PowerOfficeCredentials creds;
  final String subscriptionKey;
  private String token;

  PoClient(PowerOfficeSimulator sim) {
    this(sim, sim.credentials());
  }

  /** A client of the tenant these credentials name. */
  PoClient(PowerOfficeSimulator sim, PowerOfficeCredentials creds) {
    this.sim = sim;
    this.creds = creds;
    this.subscriptionKey = creds.subscriptionKey();
  }

  static String basic(String app, String client) {
    return "Basic " + Base64.getEncoder().encodeToString((app + ":" + client).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> tokenCall(HttpRequest.Builder b) {
    return send(b.uri(URI.create(sim.tokenUrl())).POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
  }

  /** Fetches a token with the demo keys (remembered for later calls). */
  String token() {
    if (token == null) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
          .header("Authorization", basic(creds.applicationKey(), creds.clientKey()))
          .header("Ocp-Apim-Subscription-Key", subscriptionKey)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
      if (r.statusCode() != 200) {
        throw new IllegalStateException("token call failed: " + r.statusCode() + " " + r.body());
      }
      token = json(r).get("access_token").asText();
    }
    return token;
  }

  void forgetToken() {
    token = null;
  }

  /** A request to apiUrl + path with both headers set. */
  HttpRequest.Builder api(String path) {
    return HttpRequest.newBuilder(URI.create(sim.apiUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token())
        .header("Ocp-Apim-Subscription-Key", subscriptionKey);
  }

  HttpResponse<String> get(String path) {
    return send(api(path).GET());
  }

  HttpResponse<String> post(String path, String json) {
    return send(api(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> patch(String path, String jsonPatch) {
    return send(api(path).header("Content-Type", "application/json-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonPatch)));
  }

  HttpResponse<String> delete(String path) {
    return send(api(path).DELETE());
  }

  HttpResponse<String> admin(String subPath, String json) {
    return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/__sim" + subPath))
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Creates a company customer and returns its DTO. */
  JsonNode createCompany(String name) {
    HttpResponse<String> r = post("/Customers", "{\"Name\":\"" + name + "\"}");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("create failed: " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }
}
