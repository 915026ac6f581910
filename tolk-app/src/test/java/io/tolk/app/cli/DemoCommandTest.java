package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void demoSyncsTheSampleDataAndServesTheDashboardUntilStopped() throws Exception {
        try (Cli.Background demo = new Cli(dir).start("demo", "--port", "0", "--records", "20", "--interval", "1s")) {
            String out = demo.awaitOut(s -> s.contains("cycle 2:"), Duration.ofSeconds(60));
            assertThat(out).contains("tolk demo is running.", "PowerOffice Go sim: http://127.0.0.1:",
                    "Zoho CRM sim:       http://127.0.0.1:");
            assertThat(out).containsPattern("cycle 1: read \\d+, created [1-9]");
            assertThat(out).containsPattern("cycle 2: read \\d+, created 0, updated 0");
            Matcher page = Pattern.compile("Dashboard:\\s+(http://\\S+)/ ").matcher(out);
            assertThat(page.find()).isTrue();
            HttpResponse<String> html = get(page.group(1) + "/");
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.body()).contains("<title>tolk</title>");
            HttpResponse<String> json = get(page.group(1) + "/api/status");
            assertThat(json.body()).contains("\"default\"", "\"linked\"");
            HttpResponse<String> metrics = get(page.group(1) + "/metrics");
            assertThat(metrics.body()).contains("tolk_api_calls_total{connection=\"default\"");

            Matcher config = Pattern.compile("tolk status -c (\\S+)").matcher(out);
            assertThat(config.find()).isTrue();
            Path yaml = Path.of(config.group(1));
            assertThat(Files.readString(yaml)).contains("apiUrl: http://127.0.0.1:");

            assertThat(demo.stop()).isZero();
            assertThat(demo.out()).contains("tolk demo stopped.");
            assertThat(yaml).doesNotExist();
        }
    }

    @Test
    void aTakenPortIsAUsageError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result r = new Cli(dir).run("demo", "--port", String.valueOf(taken.getLocalPort()), "--records", "0");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("port " + taken.getLocalPort() + " is in use");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
