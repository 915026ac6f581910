package io.tolk.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tolk.api.http.Sleeper;
import io.tolk.app.config.AlertsConfig;
import io.tolk.app.config.Secret;
import io.tolk.app.health.Health;
import io.tolk.app.health.HealthState;
import io.tolk.engine.policy.Backoff;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Alerts as a person receives them: over real HTTP to a local webhook receiver, and as e-mail through a real SMTP
 * server (GreenMail) in this process.
 */
class AlertWatcherTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:07Z");
    private static final Instant LAST_OK = Instant.parse("2026-12-03T11:55:02Z");
    private static final Instant FAILED_AT = Instant.parse("2026-12-03T12:00:05Z");
    private static final Duration STALE_AFTER = Duration.ofMinutes(15);
    private static final URI DASHBOARD = URI.create("https://tolk.example.com");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final Sleeper recordingSleeper = waits::add;
    private final List<AutoCloseable> open = new ArrayList<>();

    private GreenMail smtp;

    @BeforeEach
    void smtpServer() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        smtp.stop();
    }

    private static Health ok() {
        return new Health(HealthState.OK, LAST_OK, null, null, Duration.ofMinutes(5), STALE_AFTER);
    }

    private static Health degraded() {
        return new Health(HealthState.DEGRADED, LAST_OK, null, null, Duration.ofMinutes(5), STALE_AFTER);
    }

    private static Health failing() {
        return new Health(HealthState.FAILING, LAST_OK, "zoho: GET /crm/v8/Accounts answered 503 Service Unavailable",
                FAILED_AT, Duration.ofMinutes(5).plusSeconds(5), STALE_AFTER);
    }

    private static Health stale() {
        return new Health(HealthState.STALE, LAST_OK, null, null, Duration.ofMinutes(16), STALE_AFTER);
    }

    private WebhookReceiver receiver(Integer... statuses) throws Exception {
        WebhookReceiver r = new WebhookReceiver(statuses);
        open.add(r);
        return r;
    }

    private AlertWatcher watcher(List<AlertChannel> channels, int attempts) {
        AlertWatcher w = new AlertWatcher(channels, DASHBOARD, clock, attempts, AlertWatcher.DEFAULT_BACKOFF, recordingSleeper);
        open.add(0, w);
        return w;
    }

    private AlertChannel webhook(WebhookReceiver r) {
        return new WebhookChannel(Secret.of(r.url()));
    }

    private AlertChannel email() {
        return new EmailChannel(new AlertsConfig.Email("127.0.0.1", smtp.getSmtp().getPort(), AlertsConfig.Tls.NONE,
                null, null, "tolk@example.com", List.of("ops@example.com", "finance@example.com")), clock);
    }

    /** The messages the SMTP server received, once there are {@code n}. */
    private MimeMessage[] mails(int n, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> smtp.getReceivedMessages().length >= n);
        return smtp.getReceivedMessages();
    }

    private static String text(WebhookReceiver.Received message) throws Exception {
        JsonNode json = JSON.readTree(message.body());
        assertThat(json.size()).as("only the text Slack and Teams both read").isEqualTo(1);
        return json.get("text").asText();
    }

    @Test
    void aConnectionTurningFailingPostsOneSlackStyleMessageWithStateSinceErrorAndWhatToDo() throws Exception {
        WebhookReceiver hook = receiver();
        AlertWatcher w = watcher(List.of(webhook(hook)), 4);
        w.observe("fjellvind", ok());

        w.observe("fjellvind", failing());

        WebhookReceiver.Received message = hook.next(Duration.ofSeconds(5));
        assertThat(message.contentType()).startsWith("application/json");
        assertThat(text(message).split("\n")).containsExactly(
                "tolk: connection 'fjellvind' is failing (was ok)",
                "Connection: fjellvind",
                "State: failing since 2026-12-03 12:00:05 UTC",
                "Last complete cycle: 2026-12-03 11:55:02 UTC (5m5s ago)",
                "Last error (2026-12-03 12:00:05 UTC): zoho: GET /crm/v8/Accounts answered 503 Service Unavailable",
                "What to do: run 'tolk status --connection fjellvind' and 'tolk failures --connection fjellvind' to see"
                        + " what stops the cycles, and 'tolk doctor --connection fjellvind' to check addresses and"
                        + " credentials. tolk tries again every cycle.",
                "Dashboard: https://tolk.example.com");
    }

    @Test
    void aRepeatedStateSendsNothingAndARecoverySendsExactlyOneMessage() throws Exception {
        WebhookReceiver hook = receiver();
        AlertWatcher w = watcher(List.of(webhook(hook)), 4);
        w.observe("fjellvind", ok());
        w.observe("fjellvind", failing());
        w.observe("fjellvind", failing());
        w.observe("fjellvind", failing());
        w.observe("fjellvind", ok());
        w.observe("fjellvind", ok());
        w.observe("fjellvind", degraded());

        assertThat(text(hook.next(Duration.ofSeconds(5)))).startsWith("tolk: connection 'fjellvind' is failing (was ok)");
        String recovery = text(hook.next(Duration.ofSeconds(5)));
        assertThat(recovery).startsWith("tolk: connection 'fjellvind' recovered: ok (was failing)\n")
                .contains("What to do: nothing; cycles complete again.")
                .doesNotContain("Last error");
        Thread.sleep(300);
        assertThat(hook.pending()).as("ok again, and ok to degraded, send nothing").isEmpty();
        assertThat(hook.calls()).isEqualTo(2);
    }

    @Test
    void theFirstObservationAlertsOnlyWhenTheConnectionIsAlreadyFailingOrStale() throws Exception {
        WebhookReceiver hook = receiver();
        AlertWatcher w = watcher(List.of(webhook(hook)), 4);

        assertThat(w.observe("fjellvind", ok())).isNull();
        assertThat(w.observe("havbris", degraded())).isNull();
        Alert alert = w.observe("nordlys", stale());

        assertThat(alert).isNotNull();
        String text = text(hook.next(Duration.ofSeconds(5)));
        assertThat(text).startsWith("tolk: connection 'nordlys' is stale\n")
                .contains("State: stale since 2026-12-03 11:59:07 UTC (no cycle has completed for 16m; the limit is 15m)")
                .contains("check that 'tolk run' is running and the connection is not paused");
        Thread.sleep(200);
        assertThat(hook.calls()).isEqualTo(1);
    }

    @Test
    void aFailingConnectionIsMailedToEveryRecipientWithTheTitleAsSubject() throws Exception {
        AlertWatcher w = watcher(List.of(email()), 4);

        w.observe("fjellvind", failing());

        MimeMessage[] mails = mails(2, Duration.ofSeconds(5));
        assertThat(mails).hasSize(2);
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("tolk: connection 'fjellvind' is failing");
        assertThat(mail.getFrom()[0]).hasToString("tolk@example.com");
        assertThat(mail.getAllRecipients()).extracting(Object::toString)
                .containsExactly("ops@example.com", "finance@example.com");
        assertThat(mail.getHeader("X-Tolk-State")).containsExactly("failing");
        assertThat(GreenMailUtil.getBody(mail)).contains("Connection: fjellvind")
                .contains("Last error (2026-12-03 12:00:05 UTC): zoho: GET /crm/v8/Accounts answered 503")
                .contains("Dashboard: https://tolk.example.com");
    }

    @Test
    void aWebhookThatNeverAnswersBlocksNeitherObserveNorTheEmail() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AlertChannel hanging = new WebhookChannel(Secret.of("http://127.0.0.1:" + silent.getLocalPort() + "/hook"));
            AlertWatcher w = watcher(List.of(hanging, email()), 4);

            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                w.observe("fjellvind", i % 2 == 0 ? failing() : ok());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("observe only queues").isLessThan(Duration.ofMillis(500));
            assertThat(mails(2 * 20, Duration.ofSeconds(10)))
                    .as("the e-mails go out while the webhook still waits for its first answer").hasSize(2 * 20);
        }
    }

    @Test
    void aFailedSendIsTriedAgainWithGrowingWaitsUntilItIsDelivered() throws Exception {
        WebhookReceiver hook = receiver(500, 503);
        AlertWatcher w = watcher(List.of(webhook(hook)), 4);

        w.observe("fjellvind", failing());

        assertThat(text(hook.next(Duration.ofSeconds(5)))).startsWith("tolk: connection 'fjellvind' is failing");
        assertThat(hook.calls()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void anAlertThatCannotBeSentIsLoggedOnceWithoutTheWebhooksSecretPathAndNothingElseStops() throws Exception {
        WebhookReceiver hook = receiver(500, 500, 500, 500, 500, 500);
        Logger log = (Logger) LoggerFactory.getLogger(AlertWatcher.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            AlertWatcher w = watcher(List.of(webhook(hook), email()), 3);

            w.observe("fjellvind", failing());

            await().atMost(Duration.ofSeconds(5)).until(() -> hook.calls() == 3 && events.list.stream()
                    .anyMatch(e -> e.getLevel() == Level.WARN));
            assertThat(mails(2, Duration.ofSeconds(5))).as("the other channel is unaffected").hasSize(2);
            List<String> warnings = events.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).singleElement().satisfies(m -> assertThat(m)
                    .startsWith("could not send the alert that connection 'fjellvind' is failing by webhook"
                            + " http://127.0.0.1/… (3 tries): IOException: answered HTTP 500")
                    .doesNotContain("secret-token-123"));
            assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        } finally {
            log.detachAppender(events);
        }
    }

    @Test
    void theMessageEscapesWhatSlackWouldReadAsMarkup() throws Exception {
        WebhookReceiver hook = receiver();
        AlertWatcher w = watcher(List.of(webhook(hook)), 1);
        Health odd = new Health(HealthState.FAILING, null, "zoho: field <Account_Name> & more", FAILED_AT,
                Duration.ofMinutes(1), STALE_AFTER);

        w.observe("fjellvind", odd);

        assertThat(text(hook.next(Duration.ofSeconds(5))))
                .contains("zoho: field &lt;Account_Name&gt; &amp; more")
                .contains("Last complete cycle: none since tolk started watching");
    }

    @Test
    void withoutChannelsTheWatcherOnlyKeepsTrack() {
        AlertWatcher w = AlertWatcher.start(AlertsConfig.none(), null, clock);
        open.add(w);

        assertThat(w.observe("fjellvind", failing())).isNotNull();
        assertThat(w.observe("fjellvind", failing())).isNull();
    }

    @Test
    void theSmtpLoginIsUsedAndAPasswordTheServerRefusesIsNeverLogged() throws Exception {
        smtp.setUser("tolk@example.com", "tolk", "right-password");
        AlertChannel right = new EmailChannel(new AlertsConfig.Email("127.0.0.1", smtp.getSmtp().getPort(),
                AlertsConfig.Tls.NONE, "tolk", Secret.of("right-password"), "tolk@example.com", List.of("ops@example.com")), clock);
        AlertChannel wrong = new EmailChannel(new AlertsConfig.Email("127.0.0.1", smtp.getSmtp().getPort(),
                AlertsConfig.Tls.NONE, "tolk", Secret.of("wrong-password-value"), "tolk@example.com",
                List.of("ops@example.com")), clock);
        Logger log = (Logger) LoggerFactory.getLogger(AlertWatcher.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            watcher(List.of(wrong), 2).observe("fjellvind", failing());
            await().atMost(Duration.ofSeconds(5)).until(() -> events.list.stream().anyMatch(e -> e.getLevel() == Level.WARN));
            watcher(List.of(right), 1).observe("fjellvind", failing());

            assertThat(mails(1, Duration.ofSeconds(5))).as("only the right login delivers").hasSize(1);
            String warning = events.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow()
                    .getFormattedMessage();
            assertThat(warning).startsWith("could not send the alert that connection 'fjellvind' is failing by e-mail via"
                    + " 127.0.0.1:").contains("AuthenticationFailedException").doesNotContain("wrong-password-value");
        } finally {
            log.detachAppender(events);
        }
    }
}
