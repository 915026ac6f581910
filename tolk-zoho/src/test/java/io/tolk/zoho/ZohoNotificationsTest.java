package io.tolk.zoho;

import com.sun.net.httpserver.HttpServer;
import io.tolk.api.ChangeNotice;
import io.tolk.api.ChangeNotifications;
import io.tolk.api.CreateRequest;
import io.tolk.api.Subscription;
import io.tolk.api.WriteOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZohoNotificationsTest {

    private ZohoSim sim;
    private ZohoConnector connector;
    private ChangeNotifications notifications;
    private HttpServer receiver;
    private final LinkedBlockingQueue<byte[]> callbacks = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sim = ZohoSim.start();
        sim.clock.set(Instant.parse("2025-03-01T10:00:00Z"));
        connector = sim.connector();
        notifications = connector.notifications().orElseThrow();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/zoho/callback", ex -> {
            callbacks.add(ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        sim.close();
    }

    private URI callbackUrl() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/zoho/callback");
    }

    @Test
    void aChannelIsSubscribedRenewedBeforeExpiryAndUnsubscribed() {
        Subscription s = notifications.subscribe("1000000068001", Set.of("Accounts", "Contacts"), callbackUrl(),
                "verify-me", Duration.ofHours(1));
        assertThat(s.expiresAt()).isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));

        sim.clock.advance(Duration.ofMinutes(50));
        Subscription renewed = notifications.renew(s, "verify-me", Duration.ofHours(1));
        assertThat(renewed.expiresAt()).isEqualTo(Instant.parse("2025-03-01T11:50:00Z"));

        notifications.unsubscribe(renewed);
        notifications.unsubscribe(renewed); // gone already: not an error
        assertThat(sim.adminPost("/reset", "{}")).isNotNull();
    }

    @Test
    void aLifetimeBeyondZohosWeekIsCappedAtAWeek() {
        Subscription s = notifications.subscribe("1000000068002", Set.of("Accounts"), callbackUrl(), "t", Duration.ofDays(30));

        assertThat(s.expiresAt()).isEqualTo(Instant.parse("2025-03-08T10:00:00Z"));
    }

    @Test
    void aTokenLongerThanFiftyCharactersIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> notifications.subscribe("1", Set.of("Accounts"), callbackUrl(), "x".repeat(51), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50");
    }

    @Test
    void aCallbackFromZohoIsVerifiedAndParsedIntoAChangeNotice() throws Exception {
        notifications.subscribe("1000000068003", Set.of("Accounts"), callbackUrl(), "verify-me", Duration.ofHours(1));

        String id = connector.writer("Accounts").create(List.of(new CreateRequest("k", Map.of("Account_Name", "Watched AS"))))
                .get(0).id().orElseThrow();
        byte[] body = callbacks.poll(10, TimeUnit.SECONDS);

        assertThat(body).as("callback delivered").isNotNull();
        ChangeNotice notice = notifications.parse(body, "verify-me").orElseThrow();
        assertThat(notice.type()).isEqualTo("Accounts");
        assertThat(notice.ids()).containsExactly(id);
        assertThat(notice.operation()).isEqualTo(WriteOperation.CREATE);
        assertThat(notifications.parse(body, "another-token")).as("wrong token").isEmpty();
    }

    @Test
    void anUpdateCallbackCarriesTheRecordsValuesAsTheReaderReadsThem() throws Exception {
        notifications.subscribe("1000000068004", Set.of("Accounts"), callbackUrl(), "verify-me", Duration.ofHours(1));
        String id = connector.writer("Accounts").create(List.of(new CreateRequest("k", Map.of("Account_Name", "Verdi AS"))))
                .get(0).id().orElseThrow();
        assertThat(callbacks.poll(10, TimeUnit.SECONDS)).as("the insert's callback").isNotNull();

        connector.writer("Accounts").update(List.of(new io.tolk.api.UpdateRequest(id, Map.of("Phone", "22334455"))));
        byte[] body = callbacks.poll(10, TimeUnit.SECONDS);

        ChangeNotice notice = notifications.parse(body, "verify-me").orElseThrow();
        assertThat(notice.operation()).isEqualTo(WriteOperation.UPDATE);
        assertThat(notice.fields().get(id)).containsEntry("Phone", "22334455").containsEntry("Account_Name", "Verdi AS");
    }

    @Test
    void aCallbackWithTheWrongTokenOrNoTokenIsRejected() {
        byte[] forged = callback("Accounts", "update", "guessed");
        byte[] none = "{\"module\":\"Accounts\",\"operation\":\"update\",\"ids\":[\"1\"]}".getBytes(StandardCharsets.UTF_8);

        assertThat(notifications.parse(forged, "verify-me")).isEmpty();
        assertThat(notifications.parse(none, "verify-me")).isEmpty();
    }

    @Test
    void operationsMapToWriteOperationsAndUnwatchedOrGarbledBodiesAreIgnored() {
        assertThat(notifications.parse(callback("Contacts", "insert", "v"), "v").orElseThrow().operation()).isEqualTo(WriteOperation.CREATE);
        assertThat(notifications.parse(callback("Contacts", "update", "v"), "v").orElseThrow().operation()).isEqualTo(WriteOperation.UPDATE);
        ChangeNotice deleted = notifications.parse(callback("Contacts", "delete", "v"), "v").orElseThrow();
        assertThat(deleted.operation()).isEqualTo(WriteOperation.DELETE);
        assertThat(deleted.serverTime()).isEqualTo(Instant.ofEpochMilli(1718117126473L));
        assertThat(notifications.parse(callback("Leads", "insert", "v"), "v")).isEmpty();
        assertThat(notifications.parse(callback("Contacts", "merge", "v"), "v")).isEmpty();
        assertThat(notifications.parse("{not json".getBytes(StandardCharsets.UTF_8), "v")).isEmpty();
    }

    private static byte[] callback(String module, String operation, String token) {
        return ("{\"server_time\":1718117126473,\"query_params\":{},\"module\":\"" + module + "\",\"resource_uri\":"
                + "\"https://www.zohoapis.eu/crm/v8/" + module + "\",\"ids\":[\"4876876000000100001\"],\"affected_fields\":[],"
                + "\"operation\":\"" + operation + "\",\"channel_id\":\"1000000068001\",\"token\":\"" + token + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
