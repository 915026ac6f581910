package io.tolk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.service.LocalScheduler;
import io.tolk.app.service.NotificationChannels;
import io.tolk.app.service.Service;
import io.tolk.app.service.ServiceListener;
import io.tolk.app.wiring.Sessions;
import io.tolk.engine.store.RunRecord;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Zoho's notifications end to end: the service subscribes at the Zoho simulator, which calls back (real HTTP) on every
 * change; a user's edit in Zoho reaches PowerOffice in a small cycle of its own, long before the next poll (an hour
 * away), and tolk's own writes coming back cost no read.
 */
class NotificationsTest extends E2eBase {

    private HttpServer receiver;
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Duration> lags = new CopyOnWriteArrayList<>();
    private volatile NotificationChannels channels;

    @BeforeEach
    void aCallbackReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/zoho", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = channels == null ? 503 : channels.receive(body);
            if (status != 200) {
                refused.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private URI publicUrl() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
    }

    @Test
    void anAccountEditedInZohoReachesPowerOfficeInASmallCycleLongBeforeTheNextPoll() throws Exception {
        long id = companyInPowerOffice("Nordlys AS");
        writeConfig(syncSection(Map.of()).replace("interval: 5m", "interval: 1h"), "");
        TolkConfig config = new ConfigLoader(n -> null).load(configFile);
        try (Sessions sessions = Sessions.open(config, config.connections(), Clock.systemUTC(), false);
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     () -> false)) {
            service.listen(new ServiceListener() {
                @Override
                public void notificationsSynced(String connection, Duration lag) {
                    lags.add(lag);
                }

                @Override
                public void cycleEnded(io.tolk.app.service.CycleResult result, io.tolk.app.health.Health health) {
                }
            });
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(sessions).size() == 1);
            channels = new NotificationChannels(service, publicUrl(), Clock.systemUTC(), NotificationChannels.LIFETIME,
                    line -> { });
            channels.open();
            assertThat(channels.channelIds()).hasSize(1);
            JsonNode account = onlyZoho("Accounts", "Account_Name", "Nordlys AS");
            var queue = sessions.all().get(0).engine().notices();
            long readBefore = queue.read();

            zoho.update("Accounts", account.get("id").asText(), Map.of("Phone", "+47 22 33 44 55"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> po.customer(id).path("PhoneNumber").asText().equals("+47 22 33 44 55"));
            assertThat(queue.read() - readBefore).isEqualTo(1);
            RunRecord small = runs(sessions).get(0);
            assertThat(small.counts()).containsEntry("notified", 1L);
            assertThat(small.apiCalls().get("zoho")).as("one read of the notified record").isEqualTo(1L);
            assertThat(lags).isNotEmpty();
            assertThat(refused).hasValue(0);

            // tolk's write to PowerOffice does not come back through Zoho; its write to Zoho does, and costs no read
            po.patchCustomer(id, "/WebsiteUrl", "https://nordlys.example.no");
            long ownBefore = queue.ownWrites();
            long readNow = queue.read();
            service.triggerNow("default");
            await().atMost(Duration.ofSeconds(20)).until(() -> queue.ownWrites() > ownBefore);
            Thread.sleep(500);
            assertThat(queue.read()).as("no read for tolk's own write").isEqualTo(readNow);
            service.stop(Duration.ofSeconds(10));
            channels.close();
            assertThat(channels.channelIds()).isEmpty();
        }
    }

    @Test
    void aCallbackWithoutTheChannelsTokenIsRefusedAndSyncsNothing() throws Exception {
        writeConfig(syncSection(Map.of()).replace("interval: 5m", "interval: 1h"), "");
        TolkConfig config = new ConfigLoader(n -> null).load(configFile);
        try (Sessions sessions = Sessions.open(config, config.connections(), Clock.systemUTC(), false);
             Service service = new Service(sessions.all(), new LocalScheduler(Clock.systemUTC()), Clock.systemUTC(),
                     () -> false)) {
            channels = new NotificationChannels(service, publicUrl(), Clock.systemUTC(), NotificationChannels.LIFETIME,
                    line -> { });
            channels.open();
            String forged = "{\"server_time\":1,\"module\":\"Accounts\",\"ids\":[\"1\"],\"operation\":\"update\","
                    + "\"channel_id\":\"" + channels.channelIds().get(0) + "\",\"token\":\"guessed\"}";
            assertThat(channels.receive(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(403);
            assertThat(sessions.all().get(0).engine().notices().isEmpty()).isTrue();
            channels.close();
        }
    }

    private static List<RunRecord> runs(Sessions sessions) {
        return sessions.store().connection("default").runs(10);
    }
}
