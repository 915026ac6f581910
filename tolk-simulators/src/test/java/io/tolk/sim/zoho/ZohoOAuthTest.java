package io.tolk.sim.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Checklist item 1: the refresh-token flow and the Zoho-oauthtoken header. */
class ZohoOAuthTest extends ZohoSimTestBase {

  @Test
  void refreshTokenGrantAsFormBodyReturnsTokenWithOwnBaseUrlAsApiDomain() {
    ZohoHttp.Resp r = http.refresh("demo-client", "demo-secret", "demo-refresh");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("access_token").asText()).startsWith("1000.");
    assertThat(r.json().path("api_domain").asText()).isEqualTo(sim.baseUrl());
    assertThat(r.json().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(r.json().path("expires_in").asLong()).isEqualTo(3600);
    assertThat(r.json().path("scope").asText()).contains("ZohoCRM.modules.ALL");
    assertThat(r.json().has("refresh_token")).as("no new refresh token on refresh").isFalse();
  }

  @Test
  void refreshTokenGrantAsQueryParametersIsAccepted() {
    String q = "?refresh_token=demo-refresh&client_id=demo-client&client_secret=demo-secret&grant_type=refresh_token";
    ZohoHttp.Resp r = ZohoHttp.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/oauth/v2/token" + q))
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("access_token").asText()).isNotEmpty();
  }

  @Test
  void badRefreshTokenIsRefusedWithInvalidCodeAndHttp200() {
    ZohoHttp.Resp r = http.refresh("demo-client", "demo-secret", "wrong");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("error").asText()).isEqualTo("invalid_code");
    assertThat(r.json().has("access_token")).isFalse();
  }

  @Test
  void badClientSecretIsRefusedWithInvalidClient() {
    assertThat(http.refresh("demo-client", "nope", "demo-refresh").json().path("error").asText()).isEqualTo("invalid_client");
    assertThat(http.refresh("other", "demo-secret", "demo-refresh").json().path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void configuredTokenLifetimeIsReportedAsExpiresIn() {
    sim.setTokenLifetime(Duration.ofSeconds(120));
    assertThat(http.refresh("demo-client", "demo-secret", "demo-refresh").json().path("expires_in").asLong()).isEqualTo(120);
  }

  @Test
  void apiCallWithZohoOauthtokenHeaderIsServed() {
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
  }

  @Test
  void missingAuthorizationIsRefusedWith401InvalidToken() {
    ZohoHttp.Resp r = http.raw("GET", "/crm/v8/Accounts?fields=Account_Name", null);
    assertInvalidToken(r);
  }

  @Test
  void bearerPrefixIsRefusedWith401InvalidToken() {
    ZohoHttp.Resp r = http.raw("GET", "/crm/v8/Accounts?fields=Account_Name", null, "Authorization", "Bearer " + http.token());
    assertInvalidToken(r);
  }

  @Test
  void unknownTokenIsRefusedWith401InvalidToken() {
    ZohoHttp.Resp r = http.raw("GET", "/crm/v8/Accounts?fields=Account_Name", null, "Authorization",
        "Zoho-oauthtoken 1000.abc.def");
    assertInvalidToken(r);
  }

  @Test
  void tokenExpiresAfterItsLifetimeOnTheSimClock() {
    http.token();
    clock.advance(Duration.ofSeconds(3599));
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
    clock.advance(Duration.ofSeconds(1));
    assertInvalidToken(http.get("/crm/v8/Accounts?fields=Account_Name"));
  }

  @Test
  void adminTokensExpireMakesEveryIssuedTokenInvalid() {
    http.token();
    assertThat(http.admin("/tokens/expire", null).status()).isEqualTo(200);
    assertInvalidToken(http.get("/crm/v8/Accounts?fields=Account_Name"));
    http.forgetToken();
    assertThat(http.get("/crm/v8/Accounts?fields=Account_Name").status()).isEqualTo(204);
  }

  @Test
  void atMostThirtyLiveAccessTokensPerRefreshTokenTheOldestIsEvicted() {
    String first = http.token();
    for (int i = 0; i < 30; i++) http.refresh("demo-client", "demo-secret", "demo-refresh");
    ZohoHttp.Resp r = http.raw("GET", "/crm/v8/Accounts?fields=Account_Name", null, "Authorization", "Zoho-oauthtoken " + first);
    assertInvalidToken(r);
  }

  static void assertInvalidToken(ZohoHttp.Resp r) {
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("code").asText()).isEqualTo("INVALID_TOKEN");
    assertThat(r.json().path("message").asText()).isEqualTo("invalid oauth token");
    assertThat(r.json().path("status").asText()).isEqualTo("error");
    assertThat(r.json().path("details").isObject()).isTrue();
  }
}
