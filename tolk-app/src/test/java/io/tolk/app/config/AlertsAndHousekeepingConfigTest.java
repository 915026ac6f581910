package io.tolk.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alerts:} and {@code housekeeping:} sections: what they give, and how each mistake is named. */
class AlertsAndHousekeepingConfigTest {

    private static final String HOOK = "https://hooks.slack.com/services/T000/B000/very-secret-path";
    private static final Map<String, String> ENV = Map.of(
            "PO_APP", "a", "PO_CLIENT", "c", "PO_SUB", "s", "Z_ID", "i", "Z_SECRET", "x", "Z_REFRESH", "r",
            "TOLK_ALERT_WEBHOOK", HOOK, "SMTP_PASSWORD", "smtp-secret-value");

    /** Lines 1-12. */
    private static final String CONNECTION = """
            poweroffice:
              apiUrl: http://127.0.0.1:9001/v2
              tokenUrl: http://127.0.0.1:9001/OAuth/Token
              applicationKey: ${PO_APP}
              clientKey: ${PO_CLIENT}
              subscriptionKey: ${PO_SUB}
            zoho:
              apiDomain: http://127.0.0.1:9002
              accountsUrl: http://127.0.0.1:9002
              clientId: ${Z_ID}
              clientSecret: ${Z_SECRET}
              refreshToken: ${Z_REFRESH}
            """;

    private static TolkConfig parse(String yaml) {
        return new ConfigLoader(ENV::get).parse(CONNECTION + yaml, Path.of("tolk.yaml"), false);
    }

    private static ConfigException mistake(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void withoutTheSectionsThereAreNoAlertsAndTheDefaultHousekeeping() {
        TolkConfig config = parse("");

        assertThat(config.alerts().enabled()).isFalse();
        assertThat(config.housekeeping()).isEqualTo(HousekeepingConfig.defaults());
        assertThat(config.housekeeping().keepRuns()).isEqualTo(Duration.ofDays(90));
        assertThat(config.housekeeping().keepActivity()).isEqualTo(Duration.ofDays(365));
        assertThat(config.housekeeping().keepVersions()).isEqualTo(200);
    }

    @Test
    void alertsWithWebhookAndEmailTakeTheirSecretsFromTheEnvironment() {
        TolkConfig config = parse("""
                alerts:
                  webhook: ${TOLK_ALERT_WEBHOOK}
                  email:
                    host: smtp.example.com
                    username: tolk@example.com
                    password: ${SMTP_PASSWORD}
                    from: Tolk <tolk@example.com>
                    to: [ops@example.com, finance@example.com]
                """);

        AlertsConfig alerts = config.alerts();
        assertThat(alerts.webhook().reveal()).isEqualTo(HOOK);
        assertThat(alerts.webhook()).hasToString("****");
        assertThat(alerts.webhookDisplay()).isEqualTo("https://hooks.slack.com/…");
        AlertsConfig.Email email = alerts.email();
        assertThat(email.host()).isEqualTo("smtp.example.com");
        assertThat(email.tls()).isEqualTo(AlertsConfig.Tls.STARTTLS);
        assertThat(email.port()).as("the submission port, for starttls").isEqualTo(587);
        assertThat(email.password().reveal()).isEqualTo("smtp-secret-value");
        assertThat(email.from()).isEqualTo("Tolk <tolk@example.com>");
        assertThat(email.to()).containsExactly("ops@example.com", "finance@example.com");
    }

    @Test
    void emailOverSslDefaultsToPort465AndAcceptsOneRecipientWithoutAList() {
        AlertsConfig.Email email = parse("""
                alerts:
                  email: {host: smtp.example.com, tls: ssl, from: tolk@example.com, to: ops@example.com}
                """).alerts().email();

        assertThat(email.port()).isEqualTo(465);
        assertThat(email.username()).isNull();
        assertThat(email.to()).containsExactly("ops@example.com");
    }

    @Test
    void aPlainHttpWebhookToAnotherMachineIsRefusedWithoutShowingTheAddress() {
        ConfigException e = mistake("""
                alerts:
                  webhook: http://hooks.example.com/services/secret-part
                """);

        assertThat(e.getMessage()).startsWith("tolk.yaml: alerts.webhook (line 14): must be an https:// URL")
                .doesNotContain("secret-part");
    }

    @Test
    void anSmtpPasswordOverAnUnencryptedConnectionIsRefusedNamingTheTlsKey() {
        ConfigException e = mistake("""
                alerts:
                  email:
                    host: smtp.example.com
                    tls: none
                    username: tolk
                    password: ${SMTP_PASSWORD}
                    from: tolk@example.com
                    to: [ops@example.com]
                """);

        assertThat(e.getMessage()).startsWith("tolk.yaml: alerts.email.tls (line 16): 'none' would send the SMTP password")
                .doesNotContain("smtp-secret-value");
    }

    @Test
    void aUsernameWithoutAPasswordIsAMissingPassword() {
        ConfigException e = mistake("""
                alerts:
                  email:
                    host: smtp.example.com
                    username: tolk
                    from: tolk@example.com
                    to: [ops@example.com]
                """);

        assertThat(e.getMessage()).startsWith("tolk.yaml: alerts.email.password (line 15): is missing");
    }

    @Test
    void aRecipientThatIsNotAnAddressIsNamedByItsPositionAndLine() {
        ConfigException e = mistake("""
                alerts:
                  email:
                    host: smtp.example.com
                    from: tolk@example.com
                    to:
                      - ops@example.com
                      - not an address
                """);

        assertThat(e.getMessage()).isEqualTo("tolk.yaml: alerts.email.to[1] (line 19): 'not an address' is not an"
                + " e-mail address; write it like ops@example.com");
    }

    @Test
    void aMisspeltAlertsKeyIsNamedWithTheKeyItProbablyMeant() {
        ConfigException e = mistake("""
                alerts:
                  webhok: https://hooks.slack.com/services/x
                """);

        assertThat(e.getMessage()).startsWith("tolk.yaml: alerts.webhok (line 14): unknown key").contains("webhook");
    }

    @Test
    void housekeepingAgesAndVersionsAreReadAndForeverKeepsEverything() {
        HousekeepingConfig h = parse("""
                housekeeping:
                  keepRuns: 30d
                  keepActivity: forever
                  keepVersions: all
                """).housekeeping();

        assertThat(h.keepRuns()).isEqualTo(Duration.ofDays(30));
        assertThat(h.keepActivity()).isNull();
        assertThat(h.keepVersions()).isZero();
        assertThat(h.retention(java.time.Instant.parse("2026-12-01T00:00:00Z")))
                .isEqualTo(new io.tolk.engine.store.Retention(java.time.Instant.parse("2026-11-01T00:00:00Z"), null, 0));
    }

    @Test
    void aHousekeepingAgeShorterThanADayIsRefusedNamingKeyAndLine() {
        ConfigException e = mistake("""
                housekeeping:
                  keepRuns: 90d
                  keepActivity: 5m
                """);

        assertThat(e.getMessage()).startsWith("tolk.yaml: housekeeping.keepActivity (line 15): must be at least 1d");
    }

    @Test
    void housekeepingValuesThatAreNotAnAgeOrANumberSayHowToWriteThem() {
        assertThat(mistake("housekeeping:\n  keepRuns: three months\n").getMessage())
                .isEqualTo("tolk.yaml: housekeeping.keepRuns (line 14): 'three months' is not an age; write it like 90d"
                        + " or 12h, or forever");
        assertThat(mistake("housekeeping:\n  keepVersions: many\n").getMessage())
                .isEqualTo("tolk.yaml: housekeeping.keepVersions (line 14): 'many' is not a number of history lines per"
                        + " record; write e.g. 200, or all");
        assertThat(mistake("housekeeping:\n  keepVersions: 0\n").getMessage())
                .startsWith("tolk.yaml: housekeeping.keepVersions (line 14): 0 is out of range");
    }
}
