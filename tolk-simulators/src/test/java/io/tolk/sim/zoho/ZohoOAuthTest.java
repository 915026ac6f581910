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

  /** A multipart/form-data body as Node's form-data package (used by Zoho's official SDKs) writes it. */
  private static String multipart(String boundary, String... nameValue) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i + 1 < nameValue.length; i += 2) {
      b.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(nameValue[i]).append("\"\r\n\r\n")
          .append(nameValue[i + 1]).append("\r\n");
    }
    return b.append("--").append(boundary).append("--\r\n").toString();
  }

  private ZohoHttp.Resp tokenCall(String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/oauth/v2/token"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    return ZohoHttp.send(b);
  }

  @Test
  void tokenRefreshAcceptsMultipartFormDataAsTheOfficialSdksSendIt() {
    String boundary = "--------------------------515890814546601021194782";
    ZohoHttp.Resp r = tokenCall("multipart/form-data; boundary=" + boundary, multipart(boundary,
        "client_id", "demo-client", "client_secret", "demo-secret", "grant_type", "refresh_token",
        "refresh_token", "demo-refresh"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("access_token").asText()).as(r.text()).startsWith("1000.");
    assertThat(http.raw("GET", "/crm/v8/Accounts?fields=Account_Name", null, "Authorization",
        "Zoho-oauthtoken " + r.json().path("access_token").asText()).status()).isEqualTo(204);
  }

  @Test
  void multipartTokenCallIsCheckedLikeAnyOther() {
    String boundary = "b0undary";
    assertThat(tokenCall("multipart/form-data; boundary=\"" + boundary + "\"", multipart(boundary, "client_id",
        "demo-client", "client_secret", "demo-secret", "grant_type", "refresh_token", "refresh_token", "wrong"))
        .json().path("error").asText()).isEqualTo("invalid_code");
    assertThat(tokenCall("multipart/form-data; boundary=" + boundary, multipart(boundary, "client_id", "demo-client",
        "client_secret", "demo-secret", "refresh_token", "demo-refresh")).json().path("error").asText())
        .as("no grant_type part").isEqualTo("unsupported_grant_type");
    assertThat(tokenCall("multipart/form-data", multipart(boundary, "client_id", "demo-client", "client_secret",
        "demo-secret", "grant_type", "refresh_token", "refresh_token", "demo-refresh")).json().path("error").asText())
        .as("multipart without a boundary carries no parameters").isEqualTo("unsupported_grant_type");
  }

  @Test
  void tokenCallWithoutGrantTypeIsRefusedWithUnsupportedGrantType() {
    ZohoHttp.Resp r = tokenCall("application/x-www-form-urlencoded",
        "refresh_token=demo-refresh&client_id=demo-client&client_secret=demo-secret");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("error").asText()).isEqualTo("unsupported_grant_type");
    assertThat(r.json().has("access_token")).isFalse();
  }

  @Test
  void tokenParametersInAJsonBodyAreNotReadSoTheCallIsRefused() {
    ZohoHttp.Resp r = tokenCall("application/json", "{\"refresh_token\":\"demo-refresh\",\"client_id\":\"demo-client\","
        + "\"client_secret\":\"demo-secret\",\"grant_type\":\"refresh_token\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("error").asText()).isEqualTo("unsupported_grant_type");
    assertThat(r.json().has("access_token")).isFalse();
    ZohoHttp.Resp text = tokenCall("text/plain", "refresh_token=demo-refresh&client_id=demo-client"
        + "&client_secret=demo-secret&grant_type=refresh_token");
    assertThat(text.json().path("error").asText()).as("a form body labelled text/plain").isEqualTo("unsupported_grant_type");
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
