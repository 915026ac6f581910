package io.tolk.app.web;

import io.tolk.app.UsageException;
import io.tolk.app.config.ServerConfig;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.tolk.app.web.WebFixture.call;
import static io.tolk.app.web.WebFixture.get;
import static io.tolk.app.web.WebFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may reach what on the admin server with {@code server.token} set, over plain HTTP. */
class AdminAccessTest {

    private static final String TOKEN = "s3cret-admin-token";

    @TempDir
    static Path dir;
    static WebFixture web;

    @BeforeAll
    static void start() {
        web = new WebFixture(dir, 0, TOKEN);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    private static String api(String path) {
        return web.url() + path;
    }

    @Test
    void adminApiWithoutTheTokenIsRefused401WithAJsonMessage() {
        WebFixture.Answer a = call(get(api("/api/status")));

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(a.body().path("error").asText()).contains("Authorization: Bearer");
        assertThat(a.raw().body()).doesNotContain(TOKEN);
    }

    @Test
    void adminApiWithTheBearerTokenAnswersAndAWrongOneIs401() {
        assertThat(call(get(api("/api/status")).header("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(200);
        assertThat(call(get(api("/api/status")).header("Authorization", "Bearer wrong")).status()).isEqualTo(401);
    }

    @Test
    void metricsNeedTheTokenToo() {
        assertThat(call(get(api("/metrics"))).status()).isEqualTo(401);
        WebFixture.Answer a = call(get(api("/metrics")).header("Authorization", "Bearer " + TOKEN));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.raw().body()).contains("tolk_up 1");
        assertThat(a.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void zohoWebhookIsReachableWithoutTheBearerAndGetsHeadersAndBody() {
        WebFixture.Answer a = call(post(api("/webhooks/zoho"), Map.of("token", "channel-token", "ids", java.util.List.of("1")))
                .header("X-Zoho-Test", "yes"));

        assertThat(a.status()).isEqualTo(202);
        Map<String, String> got = web.webhookCalls.get(web.webhookCalls.size() - 1);
        assertThat(got).containsEntry("x-zoho-test", "yes");
        assertThat(got.get("(body)")).contains("channel-token");
    }

    @Test
    void dashboardSignInSetsAnHttpOnlyStrictCookieAndStateChangesNeedItsCsrfHeader() {
        assertThat(call(post(api("/api/session"), Map.of("token", "wrong"))).status()).isEqualTo(401);
        WebFixture.Answer signIn = call(post(api("/api/session"), Map.of("token", TOKEN)));
        assertThat(signIn.status()).isEqualTo(200);
        String setCookie = signIn.header("Set-Cookie");
        assertThat(setCookie).startsWith("tolk_session=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = signIn.body().get("csrf").asText();

        assertThat(call(get(api("/api/status")).header("Cookie", cookie)).status()).as("reading with the cookie").isEqualTo(200);
        WebFixture.Answer noCsrf = call(post(api("/api/connections/default/pause"), Map.of()).header("Cookie", cookie));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.body().path("error").asText()).contains("X-CSRF-Token");
        assertThat(web.service.paused("default")).isFalse();
        assertThat(call(post(api("/api/connections/default/pause"), Map.of()).header("Cookie", cookie)
                .header("X-CSRF-Token", "not-it")).status()).isEqualTo(403);

        WebFixture.Answer withCsrf = call(post(api("/api/connections/default/pause"), Map.of()).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf));
        assertThat(withCsrf.status()).isEqualTo(200);
        assertThat(web.service.paused("default")).isTrue();
        call(post(api("/api/connections/default/resume"), Map.of()).header("Authorization", "Bearer " + TOKEN));
        assertThat(web.service.paused("default")).isFalse();
    }

    @Test
    void aRequestFromAnotherWebSiteIsRefusedEvenWithTheBearer() {
        WebFixture.Answer a = call(post(api("/api/connections/default/cycle"), Map.of())
                .header("Authorization", "Bearer " + TOKEN).header("Origin", "https://evil.example"));

        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body().path("error").asText()).contains("another web site");
    }

    @Test
    void unknownConnectionIs404AndBadInputIs400AsJson() {
        WebFixture.Answer unknown = call(get(api("/api/connections/nope/failures")).header("Authorization", "Bearer " + TOKEN));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asText()).contains("nope").contains("default");

        WebFixture.Answer endpoint = call(get(api("/api/nothing-here")).header("Authorization", "Bearer " + TOKEN));
        assertThat(endpoint.status()).isEqualTo(404);
        assertThat(endpoint.body().path("error").asText()).contains("/api/nothing-here");

        WebFixture.Answer record = call(get(api("/api/connections/default/records/zoho/Accounts/404404"))
                .header("Authorization", "Bearer " + TOKEN));
        assertThat(record.status()).isEqualTo(404);
        assertThat(record.body().path("error").asText()).contains("zoho/Accounts/404404");

        WebFixture.Answer limit = call(get(api("/api/connections/default/runs?limit=lots")).header("Authorization", "Bearer " + TOKEN));
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.body().path("error").asText()).contains("limit");

        WebFixture.Answer body = call(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api("/api/connections/default/review/link")))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"record\": ")));
        assertThat(body.status()).isEqualTo(400);
        assertThat(body.body().path("error").asText()).contains("JSON");

        WebFixture.Answer ref = call(post(api("/api/connections/default/review/unlink"), Map.of("record", "just-an-id"))
                .header("Authorization", "Bearer " + TOKEN));
        assertThat(ref.status()).isEqualTo(400);
        assertThat(ref.body().path("error").asText()).contains("system/type/id");
    }

    @Test
    void aPortInUseIsAUsageErrorNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerConfig config = new ServerConfig(taken.getLocalPort(), "127.0.0.1", null, null);
            assertThatThrownBy(() -> AdminServer.start(web.service, config, () -> "", WebhookReceiver.NONE, Clock.systemUTC()))
                    .isInstanceOf(UsageException.class).hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutATokenIsRefused() {
        ServerConfig config = new ServerConfig(0, "0.0.0.0", null, null);
        assertThatThrownBy(() -> AdminServer.start(web.service, config, () -> "", WebhookReceiver.NONE, Clock.systemUTC()))
                .isInstanceOf(UsageException.class).hasMessageContaining("server.token");
    }

    @Test
    void aHostNameThatIsNotThisMachineIsRefusedOnLoopback() throws Exception {
        ServerConfig config = new ServerConfig(0, "127.0.0.1", null, null);
        try (AdminServer open = AdminServer.start(web.service, config, () -> "", WebhookReceiver.NONE, Clock.systemUTC())) {
            // java.net.http refuses to set Host; a plain socket sends what a re-bound DNS name would
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), open.port())) {
                s.getOutputStream().write(("GET /api/status HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 421");
            }
            assertThat(call(get(open.url() + "/api/status")).status()).as("no token, loopback host").isEqualTo(200);
        }
    }

    @Test
    void secretsAreNotShownInStatus() {
        WebFixture.Answer a = call(get(api("/api/status")).header("Authorization", "Bearer " + TOKEN));
        assertThat(a.raw().body()).doesNotContain(TOKEN).doesNotContain("demo-secret").doesNotContain("demo-refresh");
    }

}
