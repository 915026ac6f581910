package io.tolk.app.sim;

import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeCredentials;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoCredentials;
import io.tolk.sim.zoho.ZohoSettings;
import io.tolk.sim.zoho.ZohoSimulator;
import java.util.List;
import java.util.Locale;

/** The two simulators tolk ships, how to start them, and the tolk.yaml lines that point tolk at a running one. */
public enum SimulatorKind {
    POWEROFFICE("poweroffice", "PowerOffice Go"),
    ZOHO("zoho", "Zoho CRM");

    /** Demo credentials the simulators accept by default (they are not secrets). */
    public static final String PO_APPLICATION_KEY = "demo-app";
    public static final String PO_CLIENT_KEY = "demo-client";
    public static final String PO_SUBSCRIPTION_KEY = "demo-sub";
    public static final String ZOHO_CLIENT_ID = "demo-client";
    public static final String ZOHO_CLIENT_SECRET = "demo-secret";
    public static final String ZOHO_REFRESH_TOKEN = "demo-refresh";

    private final String word;
    private final String title;
    SimulatorKind(String word, String title) {
        this.word = word;
        this.title = title;
    }

    /** The word users type: {@code poweroffice} or {@code zoho}. */
    public String word() {
        return word;
    }

    /** The product's name, e.g. "PowerOffice Go". */
    public String title() {
        return title;
    }

    /**
     * The three credentials a simulator accepts, in this kind's order: application key, client key, subscription key
     * (PowerOffice) or client id, client secret, refresh token (Zoho).
     */
    public record Credentials(String first, String second, String third) {
    }

    /** The demo credentials of the interface spec. */
    public Credentials demoCredentials() {
        return this == POWEROFFICE ? new Credentials(PO_APPLICATION_KEY, PO_CLIENT_KEY, PO_SUBSCRIPTION_KEY)
                : new Credentials(ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN);
    }

    /** Starts this simulator with the demo credentials; it serves until the returned handle is closed. */
    public RunningSimulator start(SimOptions options) {
        return start(options, demoCredentials());
    }

    /** Starts this simulator accepting the given credentials (Zoho with its default settings: Standard edition). */
    public RunningSimulator start(SimOptions options, Credentials c) {
        return start(options, c, ZohoSettings.defaults());
    }

    /** Starts this simulator accepting the given credentials; {@code zoho} configures a Zoho one (ignored otherwise). */
    public RunningSimulator start(SimOptions options, Credentials c, ZohoSettings zoho) {
        SimulatorKind kind = this;
        if (this == POWEROFFICE) {
            PowerOfficeSimulator sim = PowerOfficeSimulator.start(options,
                    new PowerOfficeCredentials(c.first(), c.second(), c.third()));
            return handle(kind, sim.baseUrl(), sim);
        }
        ZohoSimulator sim = ZohoSimulator.start(options, new ZohoCredentials(c.first(), c.second(), c.third()), zoho);
        return handle(kind, sim.baseUrl(), sim);
    }

    private static RunningSimulator handle(SimulatorKind kind, String url, AutoCloseable sim) {
        String baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new RunningSimulator() {
            @Override
            public SimulatorKind kind() {
                return kind;
            }

            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public void close() {
                try {
                    sim.close();
                } catch (Exception e) {
                    // stopping a simulator must not hide the outcome of the command
                }
            }
        };
    }

    /** The tolk.yaml section (at indentation 0) that points tolk at a simulator serving at {@code baseUrl}. */
    public List<String> configLines(String baseUrl) {
        return configLines(baseUrl, demoCredentials());
    }

    /** The same, with the given credentials. */
    public List<String> configLines(String baseUrl, Credentials c) {
        if (this == POWEROFFICE) {
            return List.of(
                    "poweroffice:",
                    "  apiUrl: " + baseUrl + "/v2",
                    "  tokenUrl: " + baseUrl + "/OAuth/Token",
                    "  applicationKey: " + c.first(),
                    "  clientKey: " + c.second(),
                    "  subscriptionKey: " + c.third());
        }
        return List.of(
                "zoho:",
                "  apiDomain: " + baseUrl,
                "  accountsUrl: " + baseUrl,
                "  clientId: " + c.first(),
                "  clientSecret: " + c.second(),
                "  refreshToken: " + c.third());
    }

    public static SimulatorKind parse(String word) {
        for (SimulatorKind kind : values()) {
            if (kind.word.equalsIgnoreCase(word.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no simulator '" + word + "'; choose poweroffice or zoho");
    }

    @Override
    public String toString() {
        return word.toLowerCase(Locale.ROOT);
    }
}
