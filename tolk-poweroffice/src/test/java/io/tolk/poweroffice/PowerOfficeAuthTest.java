package io.tolk.poweroffice;

import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.http.Sleeper;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PowerOfficeAuthTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private void readSomething(PowerOfficeConnector connector) {
        connector.reader("Department").readAll(Set.of("Name"), page -> { });
    }

    @Test
    void oneTokenServesManyCallsUntilItIsWithinTheMarginOfExpiry() {
        harness.sim.clock().set(harness.sim.clock().instant()); // time moves only when the test says so
        PowerOfficeConnector connector = harness.connector(); // sim tokens live 1200 s; margin 60 s
        readSomething(connector);
        readSomething(connector);
        assertThat(connector.tokensIssued()).isEqualTo(1);

        harness.sim.clock().advance(Duration.ofSeconds(1130));
        readSomething(connector);
        assertThat(connector.tokensIssued()).as("at 1130 s of 1200 the token is still used").isEqualTo(1);

        harness.sim.clock().advance(Duration.ofSeconds(20));
        readSomething(connector);
        assertThat(connector.tokensIssued()).as("at 1150 s, inside the 60 s margin, it is renewed before use").isEqualTo(2);
        assertThat(harness.sim.counters().requests("token")).isEqualTo(2);
    }

    @Test
    void aShortExpiresInIsHonoured() {
        try (PowerOfficeSimulator shortLived = PowerOfficeSimulator.start(SimOptions.defaults().withNoLimits(true),
                PowerOfficeCredentials.demo().withTokenLifetime(Duration.ofSeconds(90)))) {
            shortLived.clock().set(shortLived.clock().instant());
            PowerOfficeConnector connector = new PowerOfficeConnector(SimulatorHarness.settingsFor(shortLived)
                    .withTokenRenewalMargin(Duration.ofSeconds(60)), shortLived.clock(), SimulatorHarness.FAST, new Random(1));
            connector.checkAccess();
            shortLived.clock().advance(Duration.ofSeconds(44));
            connector.checkAccess();
            assertThat(connector.tokensIssued()).as("margin is capped at half the lifetime: renew at 45 s").isEqualTo(1);
            shortLived.clock().advance(Duration.ofSeconds(2));
            connector.checkAccess();
            assertThat(connector.tokensIssued()).isEqualTo(2);
        }
    }

    @Test
    void aRevokedTokenIsReplacedOnceOn401AndTheCallSucceeds() {
        PowerOfficeConnector connector = harness.connector();
        readSomething(connector);
        harness.expireTokens();

        readSomething(connector);

        assertThat(connector.tokensIssued()).isEqualTo(2);
        assertThat(connector.usage().retries()).isEqualTo(1);
    }

    @Test
    void wrongKeysAreUnavailableAndTheMessageShowsNoSecret() {
        PowerOfficeSettings wrong = PowerOfficeSettings.of(URI.create(harness.sim.apiUrl()), URI.create(harness.sim.tokenUrl()),
                "demo-app", "WRONG-client-secret", "demo-sub").withRequestsPerSecond(0);
        PowerOfficeConnector connector = new PowerOfficeConnector(wrong, harness.sim.clock(), Sleeper.SYSTEM);

        assertThatThrownBy(connector::checkAccess).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("poweroffice").contains("invalid_client").doesNotContain("WRONG").doesNotContain("demo-app");
        });
    }

    @Test
    void aWrongSubscriptionKeyIsUnavailable() {
        PowerOfficeSettings wrong = PowerOfficeSettings.of(URI.create(harness.sim.apiUrl()), URI.create(harness.sim.tokenUrl()),
                "demo-app", "demo-client", "WRONG-sub").withRequestsPerSecond(0);
        PowerOfficeConnector connector = new PowerOfficeConnector(wrong, harness.sim.clock(), Sleeper.SYSTEM);

        assertThatThrownBy(connector::checkAccess).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    @Test
    void everyApiCallCarriesTheSubscriptionKeyAndBearerToken() {
        // the simulator answers 401 to a call without either; a full round of reads and writes succeeding shows both are sent
        PowerOfficeConnector connector = harness.connector();
        long id = harness.insertCustomer(Map.of("Name", "Fjord AS", "IsPerson", false));
        assertThat(connector.reader("CompanyCustomer").readByIds(List.of(Long.toString(id)), Set.of())).hasSize(1);
        assertThat(connector.writer("CompanyCustomer").delete(List.of(Long.toString(id))).get(0).succeeded()).isTrue();
        assertThat(connector.usage().retries()).isZero();
    }
}
