package io.tolk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tolk.app.cluster.ClusterPool;
import io.tolk.app.cluster.ClusterScheduler;
import io.tolk.app.cluster.SharedChannels;
import io.tolk.app.config.ConfigLoader;
import io.tolk.app.config.TolkConfig;
import io.tolk.app.service.NotificationChannels;
import io.tolk.app.service.Service;
import io.tolk.app.wiring.Sessions;
import io.tolk.store.LocalPostgres;
import io.tolk.store.StoreUrl;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Zoho's notifications in a cluster: two workers (each a service with its own cluster scheduler) on one PostgreSQL
 * store serve one connection. The connection's channel is subscribed once, by the worker that ran its cycle; every
 * callback reaches the other worker (as a load balancer may send it), which keeps the notified records in the store
 * and triggers the connection through the scheduler; the edit reaches PowerOffice in a small cycle long before the
 * next poll (an hour away), and the records leave the store once synced.
 */
class ClusterNotificationsTest extends E2eBase {

    private HttpServer receiver;
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile SharedChannels receiving;

    @BeforeEach
    void aCallbackReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/zoho", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            SharedChannels to = receiving;
            int status = to == null ? 503 : to.receive(body);
            (status == 200 ? delivered : refused).incrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aCallbackThatReachesAWorkerNotRunningTheConnectionIsSyncedThroughTheStoreInASmallCycle() throws Exception {
        long id = companyInPowerOffice("Klynge AS");
        StoreUrl store = LocalPostgres.shared().newDatabase();
        writeConfig(syncSection(Map.of()).replace("interval: 5m", "interval: 1h"), "");
        Files.writeString(configFile, Files.readString(configFile).replaceFirst("(?m)^store: .*$", "store: " + store.jdbcUrl()));
        Map<String, String> env = Map.of(StoreUrl.USER_ENV, LocalPostgres.USER, StoreUrl.PASSWORD_ENV, LocalPostgres.PASSWORD);
        TolkConfig config = new ConfigLoader(env::get).load(configFile);
        Clock clock = Clock.systemUTC();
        URI publicUrl = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
        Duration lease = Duration.ofSeconds(5);

        try (ClusterPool pool = ClusterPool.open(config.storeUrl(), 2);
             Sessions first = Sessions.open(config, config.connections(), clock, false);
             Sessions second = Sessions.open(config, config.connections(), clock, false)) {
            first.all().forEach(s -> s.engine().lockLease(lease));
            second.all().forEach(s -> s.engine().lockLease(lease));
            Service w1 = new Service(first.all(), new ClusterScheduler(pool.dataSource(), "w1", lease, clock,
                    Duration.ofSeconds(4), 2), clock, () -> false);
            SharedChannels ch1 = SharedChannels.attach(w1, pool.dataSource(), "w1", publicUrl, clock,
                    NotificationChannels.LIFETIME, line -> { });
            receiving = ch1;   // until the second worker is up
            w1.start();
            ch1.open();
            await().atMost(Duration.ofSeconds(60)).until(() -> !ch1.channelIds().isEmpty() && runs(pool) >= 1);

            Service w2 = new Service(second.all(), new ClusterScheduler(pool.dataSource(), "w2", lease, clock,
                    Duration.ofSeconds(4), 2), clock, () -> false);
            SharedChannels ch2 = SharedChannels.attach(w2, pool.dataSource(), "w2", publicUrl, clock,
                    NotificationChannels.LIFETIME, line -> { });
            w2.start();
            ch2.open();
            receiving = ch2;   // from now on every callback goes to the worker that did not subscribe
            delivered.set(0);
            refused.set(0);
            try {
                assertThat(channelRows(pool)).as("one channel for the connection, owned through the store").isEqualTo(1);
                long runsBefore = runs(pool);
                JsonNode account = onlyZoho("Accounts", "Account_Name", "Klynge AS");

                zoho.update("Accounts", account.get("id").asText(), Map.of("Phone", "+47 23 45 67 89"));

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> po.customer(id).path("PhoneNumber").asText().equals("+47 23 45 67 89"));
                assertThat(delivered.get()).as("callbacks taken by the worker that did not subscribe").isPositive();
                assertThat(refused.get()).isZero();
                await("a small cycle ran for the notice, long before the hourly poll").atMost(Duration.ofSeconds(10))
                        .until(() -> runs(pool) > runsBefore);
                await().atMost(Duration.ofSeconds(10)).until(() -> notifiedRows(pool) == 0);
                assertThat(channelRows(pool)).isEqualTo(1);
            } finally {
                receiving = null;
                w2.stop(Duration.ofSeconds(10));
                w1.stop(Duration.ofSeconds(10));
                ch2.close();
                ch1.close();
                w2.close();
                w1.close();
            }
        }
    }

    private long runs(ClusterPool pool) {
        try {
            return count(pool, "SELECT count(*) FROM tolk_run");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long channelRows(ClusterPool pool) throws Exception {
        return count(pool, "SELECT count(*) FROM tolk_notification_channel");
    }

    private static long notifiedRows(ClusterPool pool) throws Exception {
        return count(pool, "SELECT count(*) FROM tolk_notified_record");
    }

    private static long count(ClusterPool pool, String sql) throws Exception {
        try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
