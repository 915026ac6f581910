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
    void runSyncsOnScheduleAndServesItsStatusOnlyWithTheToken() throws Exception {
        try (RunningSimulator po = SimulatorKind.POWEROFFICE.start(SimOptions.defaults().withRecords(8));
             RunningSimulator zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(8))) {
            Files.writeString(dir.resolve("tolk.yaml"), "store: sqlite:./tolk.db\n"
                    + String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl())) + "\n"
                    + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl())) + "\n"
                    + "sync:\n  interval: 1s\nserver:\n  port: 0\n  token: ${TOLK_ADMIN_TOKEN}\n");
            try (Cli.Background run = new Cli(Map.of("TOLK_ADMIN_TOKEN", "s3cret-token"), dir).start("run")) {
                String out = run.awaitOut(s -> s.split("default: cycle").length > 2, Duration.ofSeconds(60));
                Matcher m = Pattern.compile("status page (http://\\S+)/").matcher(out);
                assertThat(m.find()).as(out).isTrue();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/api/status"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).isEqualTo(401);
                HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/api/status"))
                        .header("Authorization", "Bearer s3cret-token").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(withToken.statusCode()).isEqualTo(200);
                assertThat(withToken.body()).contains("\"connection\" : \"default\"");
                assertThat(run.out()).doesNotContain("s3cret-token");
                assertThat(run.stop()).isZero();
                assertThat(run.out()).contains("tolk run stopped.");
            }
        }
    }
}
