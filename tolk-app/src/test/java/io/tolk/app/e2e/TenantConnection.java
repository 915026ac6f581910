package io.tolk.app.e2e;

import io.tolk.app.sim.SimulatorKind;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.zoho.ZohoCredentials;

/** One entry of a {@code connections:} list in {@code tolk.yaml}: a PowerOffice client and a Zoho org of the multi-tenant simulators. */
final class TenantConnection {

    private TenantConnection() {
    }

    /**
     * The YAML of one list entry named {@code name}, indented for {@code connections:}; with {@code pacingOff} tolk's
     * own PowerOffice pacing is switched off ({@code requestsPerSecond: off}).
     */
    static String yaml(String name, String poUrl, PowerOfficeCredentials client, String zohoUrl, ZohoCredentials org,
                       boolean pacingOff) {
        StringBuilder c = new StringBuilder("  - name: ").append(name).append('\n');
        for (String line : SimulatorKind.POWEROFFICE.configLines(poUrl, new SimulatorKind.Credentials(client.applicationKey(),
                client.clientKey(), client.subscriptionKey()))) {
            c.append("    ").append(line).append('\n');
        }
        if (pacingOff) {
            c.append("      requestsPerSecond: off\n");
        }
        for (String line : SimulatorKind.ZOHO.configLines(zohoUrl, new SimulatorKind.Credentials(org.clientId(),
                org.clientSecret(), org.refreshToken()))) {
            c.append("    ").append(line).append('\n');
        }
        return c.toString();
    }
}
