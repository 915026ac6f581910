package io.tolk.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.api.Connector;
import io.tolk.api.http.Sleeper;
import io.tolk.poweroffice.PowerOfficeConnector;
import io.tolk.poweroffice.PowerOfficeSettings;
import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoSimulator;
import io.tolk.zoho.ZohoConnector;
import io.tolk.zoho.ZohoEdition;
import io.tolk.zoho.ZohoSettings;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A process serving many connections keeps a few HTTP clients, not two per connection. */
class SharedHttpClientsTest {

    private static final int CONNECTIONS = 20;

    @Test
    void connectorsOfTwentyConnectionsShareTheProcessHttpClientsSoSelectorThreadsDoNotGrowWithThem() {
        long before = selectorThreads();
        List<Connector> connectors = new ArrayList<>();
        try (PowerOfficeSimulator po = PowerOfficeSimulator.start(SimOptions.defaults().withPort(0).withRecords(0)
                .withTenants(CONNECTIONS).withNoLimits(true).withFaults(Faults.NONE));
             ZohoSimulator zoho = ZohoSimulator.start(SimOptions.defaults().withPort(0).withRecords(0)
                     .withTenants(CONNECTIONS).withNoLimits(true).withFaults(Faults.NONE))) {
            String poUrl = po.baseUrl().replaceAll("/$", "");
            URI zohoUrl = URI.create(zoho.baseUrl().replaceAll("/$", ""));
            for (int i = 0; i < CONNECTIONS; i++) {
                PowerOfficeCredentials client = po.tenantCredentials().get(i);
                ZohoCredentials org = zoho.tenantCredentials().get(i);
                connectors.add(new PowerOfficeConnector(PowerOfficeSettings.of(URI.create(poUrl + "/v2"),
                        URI.create(poUrl + "/OAuth/Token"), client.applicationKey(), client.clientKey(),
                        client.subscriptionKey()), Clock.systemUTC(), Sleeper.SYSTEM));
                connectors.add(new ZohoConnector(ZohoSettings.of(zohoUrl, zohoUrl, org.clientId(), org.clientSecret(),
                        org.refreshToken(), ZohoEdition.STANDARD), Clock.systemUTC(), Sleeper.SYSTEM));
            }
            connectors.forEach(Connector::checkAccess);   // every connector has called its API

            assertThat(connectors.stream().mapToLong(c -> c.usage().calls()).sum())
                    .as("calls made by the %d connectors", connectors.size()).isGreaterThanOrEqualTo(connectors.size());
            assertThat(selectorThreads() - before)
                    .as("HTTP client selector threads added by %d connectors of %d connections", connectors.size(), CONNECTIONS)
                    .isLessThanOrEqualTo(2);
        } finally {
            connectors.forEach(Connector::close);
        }
    }

    /** Live threads of JDK HTTP clients' selectors: one per client. */
    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")).count();
    }
}
