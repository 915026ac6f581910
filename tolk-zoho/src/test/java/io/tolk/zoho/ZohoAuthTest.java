package io.tolk.zoho;

import io.tolk.api.conformance.RecordingProxy;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZohoAuthTest {

    private ZohoSim sim;

    @BeforeEach
    void start() {
        sim = ZohoSim.withProxy();
        sim.fixtures("Accounts", "{\"Account_Name\":\"Fjord AS\"}");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void refreshesTheTokenOnceAndRetriesWhenZohoAnswers401InvalidToken() {
        ZohoConnector c = sim.connector();
        assertThat(c.reader("Accounts").readByIds(List.of("1"), Set.of("Account_Name"))).isEmpty();
        sim.sim.expireTokens();

        c.checkAccess();

        assertThat(c.tokenRefreshes()).isEqualTo(2);
        long api401 = sim.proxy.captured().stream().filter(r -> r.path().startsWith("/crm/")).count();
        assertThat(api401).isEqualTo(3); // readByIds, the refused checkAccess call, and its repeat
    }

    @Test
    void sendsTheZohoOauthtokenPrefixAndAFormPostForTheRefresh() {
        sim.connector().checkAccess();

        RecordingProxy.Captured token = sim.proxy.captured().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.path()).isEqualTo("/oauth/v2/token");
        assertThat(token.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.bodyText()).contains("grant_type=refresh_token").contains("refresh_token=demo-refresh")
                .contains("client_id=demo-client");
        RecordingProxy.Captured call = sim.proxy.captured().get(1);
        assertThat(call.header("authorization")).startsWith("Zoho-oauthtoken ");
    }

    @Test
    void adoptsTheApiDomainNamedInTheTokenResponse() {
        ZohoSettings s = sim.settings().withApiDomain(URI.create("http://127.0.0.1:9")); // nothing listens there
        ZohoConnector c = sim.connector(s);

        c.checkAccess();

        assertThat(sim.proxy.captured()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/crm/v8/Accounts"));
    }

    @Test
    void renewsTheTokenBeforeItExpiresOnTheInjectedClock() {
        sim.clock.set(Instant.parse("2025-03-01T10:00:00Z"));
        ZohoConnector c = sim.connector();
        c.checkAccess();
        sim.clock.advance(Duration.ofMinutes(56)); // 4 minutes left of the hour: inside the 5-minute margin

        c.checkAccess();

        assertThat(c.tokenRefreshes()).isEqualTo(2);
        assertThat(c.usage().retries()).isZero(); // renewed ahead, never refused
    }

    @Test
    void aRefusedRefreshTokenIsUnavailableAndTheMessageHoldsNoSecret() {
        ZohoSettings s = new ZohoSettings(URI.create(sim.base()), URI.create(sim.base()), "demo-client",
                "demo-secret", "wrong-refresh-token", "v8", null, List.of(), 1000, 5, null, null, null, null, null, 0, true);

        assertThatThrownBy(() -> sim.connector(s).checkAccess())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).startsWith("zoho: ").contains("refresh access token refused")
                            .doesNotContain("wrong-refresh-token").doesNotContain("demo-secret");
                });
    }

    @Test
    void settingsAndConnectorNeverPrintSecrets() {
        ZohoConnector c = sim.connector();

        assertThat(c.settings().toString()).doesNotContain("demo-secret").doesNotContain("demo-refresh")
                .contains("clientSecret=***");
        assertThat(c.toString()).doesNotContain("demo-secret").doesNotContain("demo-refresh");
    }
}
