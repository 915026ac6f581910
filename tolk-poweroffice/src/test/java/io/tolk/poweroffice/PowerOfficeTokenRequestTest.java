package io.tolk.poweroffice;

import io.tolk.api.ConnectorException;
import io.tolk.api.conformance.RecordingProxy;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * tolk's PowerOffice token request against the facts the generated client (tolk-clients-it) was run on: the
 * client-credentials call of PowerOffice's auth documentation (spec/poweroffice-go-v2.md §1.2), captured on the wire
 * by a recording proxy in front of the simulator, and what tolk does when a renewed token is refused as well.
 */
class PowerOfficeTokenRequestTest {

    private final SimulatorHarness harness = new SimulatorHarness();
    private RecordingProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        harness.close();
    }

    /** The harness's test-fast settings with other API and token URLs. */
    private PowerOfficeSettings settings(String apiUrl, String tokenUrl) {
        PowerOfficeSettings fast = harness.settings();
        return PowerOfficeSettings.of(URI.create(apiUrl), URI.create(tokenUrl), "demo-app", "demo-client", "demo-sub")
                .withRequestsPerSecond(0).withRequestTimeout(fast.requestTimeout()).withRetryPolicy(fast.retryPolicy());
    }

    private PowerOfficeConnector viaProxy() throws Exception {
        proxy = new RecordingProxy(harness.sim.baseUrl());
        return harness.connector(settings(proxy.baseUrl() + "/v2", proxy.baseUrl() + "/OAuth/Token"));
    }

    @Test
    void theTokenRequestIsTheDocumentedClientCredentialsCall() throws Exception {
        PowerOfficeConnector connector = viaProxy();
        connector.reader("Department").readAll(Set.of("Name"), page -> { });

        RecordingProxy.Captured token = proxy.captured().get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.path()).isEqualTo("/OAuth/Token");
        assertThat(token.rawQuery()).as("no key in the URL").isNull();
        assertThat(token.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.bodyText()).isEqualTo("grant_type=client_credentials");
        assertThat(token.header("authorization")).startsWith("Basic ");
        String basic = new String(Base64.getDecoder().decode(token.header("authorization").substring(6)), StandardCharsets.UTF_8);
        assertThat(basic).isEqualTo("demo-app:demo-client");
        assertThat(token.header("ocp-apim-subscription-key")).isEqualTo("demo-sub");

        RecordingProxy.Captured call = proxy.captured().get(1);
        assertThat(call.path()).startsWith("/v2/");
        assertThat(call.header("authorization")).startsWith("Bearer ").hasSizeGreaterThan("Bearer ".length());
        assertThat(call.header("ocp-apim-subscription-key")).isEqualTo("demo-sub");
        assertThat(proxy.captured()).hasSize(2);
    }

    @Test
    void aTokenRefusedAgainAfterOneRenewalFailsInsteadOfLooping() {
        // tokens come from one simulator, the API is another that knows none of them: every API call is a 401
        try (PowerOfficeSimulator api = PowerOfficeSimulator.start(SimOptions.defaults().withNoLimits(true))) {
            PowerOfficeConnector connector = new PowerOfficeConnector(settings(api.apiUrl(), harness.sim.tokenUrl()),
                    harness.sim.clock(), SimulatorHarness.FAST, new Random(3));

            assertThatThrownBy(() -> connector.reader("Department").readByIds(List.of("1"), Set.of("Name")))
                    .isInstanceOf(ConnectorException.class);

            assertThat(harness.sim.counters().requests("token")).as("one token, one renewal after the 401").isEqualTo(2);
            assertThat(connector.tokensIssued()).isEqualTo(2);
            assertThat(api.counters().reads()).as("the call and its one repeat").isEqualTo(2);
        }
    }
}
