package io.tolk.zoho;

import io.tolk.api.ConnectorException;
import io.tolk.api.conformance.RecordingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tolk's Zoho token handling against the facts Zoho's official SDK was run on (tolk-clients-it,
 * OfficialZohoSdkTokenTest): the refresh-token grant as a form POST to the accounts server that the simulator,
 * like Zoho, accepts; renewal ahead of expiry on tolk's own clock (the SDK renews 5 s ahead, tolk 5 minutes ahead,
 * at most half the lifetime); after a 401 tolk, unlike the SDK, renews once and repeats the call once, and a
 * second 401 is an error, not a loop.
 */
class ZohoTokenRequestTest {

    private ZohoSim sim;

    @BeforeEach
    void start() {
        sim = ZohoSim.withProxy();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            p.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void theRefreshIsAFormPostOfTheFourGrantParametersWithNoneInTheUrl() {
        sim.connector().checkAccess();

        RecordingProxy.Captured token = sim.proxy.captured().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.path()).isEqualTo("/oauth/v2/token");
        assertThat(token.rawQuery()).as("client secret and refresh token stay out of the URL").isNull();
        assertThat(token.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(token.bodyText())).containsOnlyKeys("grant_type", "client_id", "client_secret", "refresh_token")
                .containsEntry("grant_type", "refresh_token").containsEntry("client_id", "demo-client")
                .containsEntry("client_secret", "demo-secret").containsEntry("refresh_token", "demo-refresh");
        assertThat(sim.requests("oauth.token")).isEqualTo(1);
        RecordingProxy.Captured call = sim.proxy.captured().get(1);
        assertThat(call.header("authorization")).startsWith("Zoho-oauthtoken 1000.");
    }

    @Test
    void aShortTokenLifetimeIsRenewedAheadAtHalfItsLife() {
        sim.clock.set(Instant.parse("2025-03-01T10:00:00Z"));
        sim.sim.setTokenLifetime(Duration.ofSeconds(60)); // under the 5-minute margin: renew at half, 30 s
        ZohoConnector c = sim.connector();
        c.checkAccess();
        sim.clock.advance(Duration.ofSeconds(29));
        c.checkAccess();
        assertThat(c.tokenRefreshes()).isEqualTo(1);
        sim.clock.advance(Duration.ofSeconds(2));
        c.checkAccess();
        assertThat(c.tokenRefreshes()).as("renewed at 31 s of 60, before Zoho would refuse it").isEqualTo(2);
        assertThat(c.usage().retries()).as("never refused").isZero();
    }

    @Test
    void aTokenRefusedAgainAfterOneRenewalFailsInsteadOfLooping() {
        // tokens come from one simulator's accounts server, the API is another that knows none of them
        try (ZohoSim api = ZohoSim.withProxy()) {
            ZohoSettings s = sim.settings().withApiDomain(java.net.URI.create(api.base())).withAdoptApiDomain(false);
            ZohoConnector c = sim.connector(s);

            assertThatThrownBy(() -> c.reader("Accounts").readByIds(List.of("1"), Set.of("Account_Name")))
                    .isInstanceOf(ConnectorException.class);

            assertThat(sim.requests("oauth.token")).as("the first token and one renewal after the 401").isEqualTo(2);
            assertThat(api.proxy.captured()).as("the call and its one repeat, both refused")
                    .hasSize(2).allSatisfy(r -> assertThat(r.path()).startsWith("/crm/v8/Accounts"));
            assertThat(c.tokenRefreshes()).isEqualTo(2);
        }
    }
}
