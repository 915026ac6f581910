package io.tolk.sim.poweroffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.sim.common.SimClock;
import io.tolk.sim.common.SimOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Checklist 1: the token endpoint, token expiry, bearer and subscription key on API calls. */
class TokenEndpointTest extends PoTestBase {

  private HttpRequest.Builder tokenRequest(String basic, String subKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder().header("Content-Type", "application/x-www-form-urlencoded");
    if (basic != null) {
      b.header("Authorization", basic);
    }
    if (subKey != null) {
      b.header("Ocp-Apim-Subscription-Key", subKey);
    }
    return b;
  }

  @Test
  void tokenWithValidKeysReturnsBearerWithExpiresIn1200() {
    start();
    HttpResponse<String> r = po.tokenCall(tokenRequest(PoClient.basic("demo-app", "demo-client"), "demo-sub"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = PoClient.json(r);
    assertThat(body.get("access_token").asText()).isNotBlank();
    assertThat(body.get("token_type").asText()).isEqualTo("bearer");
    assertThat(body.get("expires_in").asLong()).isEqualTo(1200);
    assertThat(body.has("refresh_token")).isFalse();
  }

  @Test
  void tokenLifetimeIsConfigurable() {
    sim = PowerOfficeSimulator.start(SimOptions.defaults().withNoLimits(true),
        PowerOfficeCredentials.demo().withTokenLifetime(Duration.ofSeconds(600)));
    po = new PoClient(sim);
    HttpResponse<String> r = po.tokenCall(tokenRequest(PoClient.basic("demo-app", "demo-client"), "demo-sub"));
    assertThat(PoClient.json(r).get("expires_in").asLong()).isEqualTo(600);
  }

  @Test
  void wrongClientKeyIsRefusedWith400InvalidClient() {
    start();
    HttpResponse<String> r = po.tokenCall(tokenRequest(PoClient.basic("demo-app", "other-client"), "demo-sub"));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = PoClient.json(r);
    assertThat(body.get("error").asText()).isEqualTo("invalid_client");
    assertThat(body.get("error_description").asText()).contains("Client integration not found");
    assertThat(r.body()).doesNotContain("other-client");
  }

  @Test
  void missingBasicCredentialsAreRefusedWith400InvalidClient() {
    start();
    HttpResponse<String> r = po.tokenCall(tokenRequest(null, "demo-sub"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(PoClient.json(r).get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void otherGrantTypeIsRefusedWith400UnsupportedGrantType() {
    start();
    HttpResponse<String> r = PoClient.send(tokenRequest(PoClient.basic("demo-app", "demo-client"), "demo-sub")
        .uri(URI.create(sim.tokenUrl())).POST(HttpRequest.BodyPublishers.ofString("grant_type=password")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(PoClient.json(r).get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void tokenCallWithoutGrantTypeIsRefusedWith400InvalidRequest() {
    start();
    HttpResponse<String> r = PoClient.send(tokenRequest(PoClient.basic("demo-app", "demo-client"), "demo-sub")
        .uri(URI.create(sim.tokenUrl())).POST(HttpRequest.BodyPublishers.ofString("scope=api")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(PoClient.json(r).get("error").asText()).isEqualTo("invalid_request");
    assertThat(PoClient.json(r).get("error_description").asText()).contains("grant_type");
  }

  @Test
  void multipartTokenCallIsRefusedWith400InvalidRequest() {
    start();
    String body = "--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--b--\r\n";
    HttpResponse<String> r = PoClient.send(HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
        .header("Authorization", PoClient.basic("demo-app", "demo-client"))
        .header("Ocp-Apim-Subscription-Key", "demo-sub").header("Content-Type", "multipart/form-data; boundary=b")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(PoClient.json(r).get("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void jsonBodyOnTokenCallIsRefusedWith400InvalidRequest() {
    start();
    HttpResponse<String> r = PoClient.send(HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
        .header("Authorization", PoClient.basic("demo-app", "demo-client"))
        .header("Ocp-Apim-Subscription-Key", "demo-sub").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(PoClient.json(r).get("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void tokenCallWithoutSubscriptionKeyIsRefusedWith401ApimBody() {
    start();
    HttpResponse<String> r = po.tokenCall(tokenRequest(PoClient.basic("demo-app", "demo-client"), null));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(PoClient.json(r).get("message").asText()).contains("missing subscription key");
  }

  @Test
  void subscriptionKeyAsQueryParameterIsAcceptedOnTheTokenCall() {
    start();
    HttpResponse<String> r = PoClient.send(tokenRequest(PoClient.basic("demo-app", "demo-client"), null)
        .uri(URI.create(sim.tokenUrl() + "?subscription-key=demo-sub"))
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void tokenPathIsCaseInsensitive() {
    start();
    HttpResponse<String> r = PoClient.send(tokenRequest(PoClient.basic("demo-app", "demo-client"), "demo-sub")
        .uri(URI.create(sim.baseUrl() + "/oauth/token"))
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void apiCallWithoutBearerIsRefusedWith401AndEmptyBody() {
    start();
    HttpResponse<String> r = PoClient.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/Customers"))
        .header("Ocp-Apim-Subscription-Key", "demo-sub"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void apiCallWithUnknownTokenIsRefusedWith401() {
    start();
    HttpResponse<String> r = PoClient.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/Customers"))
        .header("Authorization", "Bearer made-up").header("Ocp-Apim-Subscription-Key", "demo-sub"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void apiCallWithExpiredTokenIsRefusedWith401() {
    SimClock clock = new SimClock();
    clock.set(Instant.parse("2025-01-10T09:00:00Z"));
    start(SimOptions.defaults().withNoLimits(true).withClock(clock));
    po.token();
    clock.advance(Duration.ofSeconds(1199));
    assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> r = po.get("/Customers");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEmpty();
    po.forgetToken();
    assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
  }

  @Test
  void adminTokenExpiryMakesIssuedTokensInvalid() {
    start();
    assertThat(po.get("/Customers").statusCode()).isEqualTo(204);
    assertThat(po.admin("/tokens/expire", "").statusCode()).isEqualTo(200);
    assertThat(po.get("/Customers").statusCode()).isEqualTo(401);
  }

  @Test
  void apiCallWithoutSubscriptionKeyIsRefusedWith401ApimBody() {
    start();
    HttpResponse<String> r = PoClient.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/Customers"))
        .header("Authorization", "Bearer " + po.token()));
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode body = PoClient.json(r);
    assertThat(body.get("statusCode").asInt()).isEqualTo(401);
    assertThat(body.get("message").asText()).startsWith("Access denied due to missing subscription key");
  }

  @Test
  void apiCallWithWrongSubscriptionKeyIsRefusedWith401() {
    start();
    HttpResponse<String> r = PoClient.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/Customers"))
        .header("Authorization", "Bearer " + po.token()).header("Ocp-Apim-Subscription-Key", "someone-else"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(PoClient.json(r).get("message").asText()).contains("invalid subscription key");
  }
}
