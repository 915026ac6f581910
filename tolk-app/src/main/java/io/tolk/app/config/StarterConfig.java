package io.tolk.app.config;

/** A first tolk.yaml, pointing at the local simulators, for users who have none yet. */
public final class StarterConfig {

    private StarterConfig() {
    }

    /** The starter file's text: simulators on ports 9001 (PowerOffice) and 9002 (Zoho) with their demo credentials. */
    public static String text() {
        return """
                # tolk.yaml: a starter pointing at the local simulators. Start them first, each in its own terminal:
                #   tolk simulate poweroffice --port 9001
                #   tolk simulate zoho --port 9002
                # For the real services, replace the URLs and put the credentials in environment variables,
                # e.g. applicationKey: ${POWEROFFICE_APPLICATION_KEY}
                store: sqlite:./tolk.db
                poweroffice:
                  apiUrl: http://127.0.0.1:9001/v2
                  tokenUrl: http://127.0.0.1:9001/OAuth/Token
                  applicationKey: demo-app
                  clientKey: demo-client
                  subscriptionKey: demo-sub
                zoho:
                  apiDomain: http://127.0.0.1:9002
                  accountsUrl: http://127.0.0.1:9002
                  clientId: demo-client
                  clientSecret: demo-secret
                  refreshToken: demo-refresh
                sync:
                  interval: 5m
                  createInPoweroffice: false
                  deletes: keep
                  maxDeletesPerCycle: 20
                  tieWinner: poweroffice
                """;
    }
}
