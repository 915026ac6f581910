package io.tolk.app.wiring;

import io.tolk.api.Connector;
import io.tolk.api.http.Sleeper;
import io.tolk.app.config.PowerOfficeConfig;
import io.tolk.app.config.ZohoConfig;
import io.tolk.poweroffice.PowerOfficeConnector;
import io.tolk.poweroffice.PowerOfficeSettings;
import io.tolk.zoho.ZohoConnector;
import io.tolk.zoho.ZohoEdition;
import io.tolk.zoho.ZohoSettings;
import java.time.Clock;
import java.util.Locale;

/** Builds the two connectors of a connection from its tolk.yaml sections. The only place secrets are revealed. */
public final class Connectors {

    private Connectors() {
    }

    public static PowerOfficeSettings settings(PowerOfficeConfig c) {
        return PowerOfficeSettings.of(c.apiUrl(), c.tokenUrl(), c.applicationKey().reveal(), c.clientKey().reveal(),
                c.subscriptionKey().reveal()).withRequestsPerSecond(c.requestsPerSecond())
                .withRequestTimeout(c.requestTimeout());
    }

    public static ZohoSettings settings(ZohoConfig c) {
        ZohoEdition edition = ZohoEdition.valueOf(c.edition().toUpperCase(Locale.ROOT));
        ZohoSettings settings = ZohoSettings.of(c.apiDomain(), c.accountsUrl(), c.clientId().reveal(),
                c.clientSecret().reveal(), c.refreshToken().reveal(), edition)
                .withExternalIdField(c.externalIdField()).withTriggers(c.triggers());
        return settings.withTimeouts(settings.connectTimeout(), c.requestTimeout());
    }

    public static Connector poweroffice(PowerOfficeConfig c, Clock clock) {
        return new PowerOfficeConnector(settings(c), clock, Sleeper.SYSTEM);
    }

    public static Connector zoho(ZohoConfig c, Clock clock) {
        return new ZohoConnector(settings(c), clock, Sleeper.SYSTEM);
    }
}
