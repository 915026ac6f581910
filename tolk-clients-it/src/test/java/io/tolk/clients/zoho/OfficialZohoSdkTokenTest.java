package io.tolk.clients.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How Zoho's official SDK treats its access token, against the simulator: what it sends for a refresh, when it
 * renews (ahead of expiry, on its own clock) and what it does with a 401. tolk's connector is held to the same
 * facts in tolk-zoho's ZohoTokenRequestTest. Each test has its own simulator and SDK process.
 */
@RequiresZohoSdk
class OfficialZohoSdkTokenTest {
  private ZohoSdkSession session;

  @AfterEach
  void stop() {
    if (session != null) session.close();
  }

  private long tokenCalls() {
    return session.sim.counters().requests("oauth.token");
  }

  private JsonNode listAccounts() {
    return session.sdk.call("list", Map.of("module", "Accounts", "fields", List.of("Account_Name"), "perPage", 10));
  }

  @Test
  void officialZohoSdkRenewsItsTokenAheadOfExpiryNotAfterA401() {
    // The SDK renews when less than 5 s of the token's life are left; a 4-second token is always inside that margin.
    session = ZohoSdkSession.start("renews-ahead", s -> s.withTokenLifetime(Duration.ofSeconds(4)));
    JsonNode init = session.init(false);
    assertThat(init.path("expiresInMs").asLong()).isBetween(0L, 4_000L);
    assertThat(tokenCalls()).isEqualTo(1);

    for (int i = 0; i < 3; i++) {
      JsonNode page = listAccounts();
      assertThat(page.path("statusCode").asInt()).as("never refused: " + page).isEqualTo(204);
    }
    // the first list also loads the Accounts field metadata: 4 API calls, each after a fresh token
    long apiCalls = session.sim.counters().requests("settings.fields") + session.sim.counters().requests("Accounts.list");
    assertThat(apiCalls).isEqualTo(4);
    assertThat(tokenCalls()).as("a fresh token before each API call").isEqualTo(1 + apiCalls);
  }

  @Test
  void officialZohoSdkKeepsAValidTokenForItsLifetime() {
    session = ZohoSdkSession.start("keeps-token", s -> s);
    session.init(false);
    for (int i = 0; i < 3; i++) assertThat(listAccounts().path("statusCode").asInt()).isEqualTo(204);
    assertThat(tokenCalls()).as("one refresh for an hour-long token").isEqualTo(1);
  }

  @Test
  void officialZohoSdkSurfacesA401InvalidTokenWithoutRefreshingOrRetrying() {
    session = ZohoSdkSession.start("answers-401", s -> s);
    session.init(false);
    assertThat(listAccounts().path("statusCode").asInt()).isEqualTo(204); // loads the field metadata too
    long listsBefore = session.sim.counters().requests("Accounts.list");
    session.sim.expireTokens(); // the server forgets the token while the SDK still thinks it has an hour left

    JsonNode refused = listAccounts();
    assertThat(refused.path("statusCode").asInt()).isEqualTo(401);
    assertThat(refused.path("error").path("code").asText()).as(refused.toString()).isEqualTo("INVALID_TOKEN");
    assertThat(refused.path("error").path("message").asText()).isEqualTo("invalid oauth token");
    assertThat(session.sim.counters().requests("Accounts.list") - listsBefore).as("no retry").isEqualTo(1);
    assertThat(tokenCalls()).as("no refresh after the 401").isEqualTo(1);
    assertThat(session.sdk.call("tokenState").path("expiresInMs").asLong()).as("the SDK still trusts its token")
        .isGreaterThan(3_000_000L);
  }

  @Test
  void officialZohoSdkReportsARefusedRefreshTokenWithTheAccountsServersErrorCode() {
    session = ZohoSdkSession.start("refused-refresh", s -> s);
    JsonNode answer = session.sdk.send("init", Map.of("clientId", "demo-client", "clientSecret", "demo-secret",
        "refreshToken", "not-the-refresh-token", "findUser", false));
    assertThat(answer.path("ok").asBoolean()).isFalse();
    assertThat(answer.path("error").path("kind").asText()).isEqualTo("SDKException");
    assertThat(answer.path("error").path("code").asText()).isEqualTo("INVALID TOKEN ERROR");
    assertThat(answer.path("error").path("message").asText()).isEqualTo("invalid_code");
    assertThat(tokenCalls()).isEqualTo(1);
  }
}
