package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.sim.common.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void clusterOnASqliteStoreIsExit2AndSaysWhy() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\n"
                + String.join("\n", SimulatorKind.POWEROFFICE.configLines("http://127.0.0.1:9")) + "\n"
                + String.join("\n", SimulatorKind.ZOHO.configLines("http://127.0.0.1:9")) + "\n");

        Cli.Result r = new Cli(dir).run("run", "--cluster");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--cluster needs a PostgreSQL store", "tolk.db");
        assertThat(Files.exists(dir.resolve("tolk.db"))).as("no store made").isFalse();
    }

    @Test
    void runSyncsOnScheduleAndServesItsStatusOnlyWithTheToken() throws Exception {
        try (RunningSimulator po = SimulatorKind.POWEROFFICE.start(SimOptions.defaults().withRecords(8));
             RunningSimulator zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(8))) {
            Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\n"
                    + String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl())) + "\n"
                    + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl())) + "\n"
                    + "sync:\n  interval: 1s\nserver:\n  port: 0\n  token: ${TOLK_ADMIN_TOKEN}\n");
            try (Cli.Background run = new Cli(Map.of("TOLK_ADMIN_TOKEN", "s3cret-token"), dir).start("run")) {
                String out = run.awaitOut(s -> s.split("default: cycle").length > 2, Duration.ofSeconds(60));
                Matcher m = Pattern.compile("dashboard (http://\\S+)/").matcher(out);
                assertThat(m.find()).as(out).isTrue();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/api/status"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).isEqualTo(401);
                HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/api/status"))
                        .header("Authorization", "Bearer s3cret-token").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(withToken.statusCode()).isEqualTo(200);
                assertThat(withToken.body()).contains("\"default\"");
                assertThat(run.out()).doesNotContain("s3cret-token");
                assertThat(run.stop()).isZero();
                assertThat(run.out()).contains("tolk run stopped.");
            }
        }
    }

    @Test
    void runAlertsTheWebhookWhenAConnectionTurnsFailingAndWhenItRecovers() throws Exception {
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        try (RunningSimulator po = SimulatorKind.POWEROFFICE.start(SimOptions.defaults().withRecords(8).withNoLimits(true));
             RunningSimulator zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(8).withNoLimits(true))) {
            Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\n"
                    + String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl())) + "\n"
                    + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl())) + "\n"
                    + "sync:\n  interval: 1s\nserver:\n  port: 0\n"
                    + "alerts:\n  webhook: http://127.0.0.1:" + hook.getAddress().getPort() + "/hook\n");
            try (Cli.Background run = new Cli(Map.of(), dir).start("run")) {
                run.awaitOut(s -> s.contains("default: cycle 2:"), Duration.ofSeconds(60));
                SimHttp.send(SimHttp.post(zoho.baseUrl() + "/__sim/faults", Map.of("spec", "error=1")));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> received.stream().anyMatch(b -> b.contains("is failing")));
                SimHttp.send(SimHttp.post(zoho.baseUrl() + "/__sim/faults", Map.of("spec", "")));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 2);
                assertThat(received.get(0)).startsWith("{\"text\":").contains("'default'", "failing");
                assertThat(received.get(1)).contains("'default'", "ok");
                assertThat(received).hasSize(2);
                assertThat(run.out()).contains("default: health ok → failing", "default: health failing → ok");
                run.stop();
            }
        } finally {
            hook.stop(0);
        }
    }
}
