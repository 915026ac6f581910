package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tolk.app.sim.RunningSimulator;
import io.tolk.app.sim.SimulatorKind;
import io.tolk.sim.common.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    private static RunningSimulator po;
    private static RunningSimulator zoho;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulators() {
        po = SimulatorKind.POWEROFFICE.start(SimOptions.defaults().withRecords(10));
        zoho = SimulatorKind.ZOHO.start(SimOptions.defaults().withRecords(10));
    }

    @AfterAll
    static void stopSimulators() {
        po.close();
        zoho.close();
    }

    private String config(String zohoSecret, String extra) {
        return "store: sqlite:./state.db\n"
                + String.join("\n", SimulatorKind.POWEROFFICE.configLines(po.baseUrl())) + "\n"
                + String.join("\n", SimulatorKind.ZOHO.configLines(zoho.baseUrl()))
                        .replace("clientSecret: demo-secret", "clientSecret: " + zohoSecret) + "\n"
                + extra;
    }

    @Test
    void aHealthySetupPassesEveryCheck() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("${ZOHO_SECRET}", ""));
        Cli.Result r = new Cli(Map.of("ZOHO_SECRET", "demo-secret"), dir).run("doctor");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ok    config", "ok    store", "does not exist yet; the first sync creates it",
                "mappings: flows F1, F2, F3",
                "PowerOffice Go at " + po.baseUrl() + "/v2 answers and accepts the credentials",
                "Zoho CRM at " + zoho.baseUrl() + " answers and accepts the credentials",
                "All checks passed.");
        assertThat(r.out()).doesNotContain("demo-secret");
    }

    @Test
    void aPublicUrlThatAnswersPassesAndOneWhereNothingListensFailsWithExit3() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", "server:\n  publicUrl: " + po.baseUrl() + "\n"));
        Cli.Result up = new Cli(dir).run("doctor");
        assertThat(up.exitCode()).as(up.out()).isZero();
        assertThat(up.out()).contains("ok    server.publicUrl " + po.baseUrl() + " answers; Zoho will call "
                + po.baseUrl() + "/webhooks/zoho");

        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", "server:\n  publicUrl: http://127.0.0.1:"
                + closed + "\n"));
        Cli.Result down = new Cli(dir).run("doctor");
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.out()).contains("FAIL  server.publicUrl at http://127.0.0.1:" + closed + " cannot be reached");
    }

    @Test
    void withoutAPublicUrlDoctorSaysNotificationsAreOff() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", ""));
        assertThat(new Cli(dir).run("doctor").out()).contains("server.publicUrl: not set; Zoho notifications are off");
    }

    @Test
    void refusedCredentialsAreExit3AndNamed() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("wrong-secret", ""));
        Cli.Result r = new Cli(dir).run("doctor");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL  [default] Zoho CRM at " + zoho.baseUrl())
                .contains("ok    [default] PowerOffice Go").doesNotContain("wrong-secret");
    }

    @Test
    void theExternalIdFieldIsCheckedInZoho() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", "").replace("refreshToken: demo-refresh",
                "refreshToken: demo-refresh\n  externalIdField: PowerOffice_Id"));
        Cli.Result good = new Cli(dir).run("doctor");
        assertThat(good.exitCode()).as(good.out()).isZero();
        assertThat(good.out()).contains("Zoho external-id field PowerOffice_Id exists");

        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", "").replace("refreshToken: demo-refresh",
                "refreshToken: demo-refresh\n  externalIdField: No_Such_Field"));
        Cli.Result bad = new Cli(dir).run("doctor");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).contains("FAIL  [default] Zoho external-id field No_Such_Field");
    }

    @Test
    void aMappingMistakeIsReportedAsExit2() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret",
                "flows:\n  F2:\n    properties:\n      Nope: toZoho\n"));
        Cli.Result r = new Cli(dir).run("doctor");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("FAIL  [default] mappings: flows.F2.properties.Nope (line 17)");
    }

    @Test
    void aConfigMistakeStopsTheChecksWithExit2() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", "sync:\n  tieWinner: both\n"));
        Cli.Result r = new Cli(dir).run("doctor");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("FAIL  config: ").contains("sync.tieWinner (line 15)")
                .contains("--    store, mappings, hosts and credentials: not checked (the config must be valid first)")
                .doesNotContain("ok    ");
    }

    @Test
    void aHostThatIsNotListeningFailsAndItsCredentialsAreNotChecked() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", "").replace(po.baseUrl(),
                "http://127.0.0.1:" + closed));

        Cli.Result r = new Cli(dir).run("doctor");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL  [default] PowerOffice Go at http://127.0.0.1:" + closed
                        + "/v2 cannot be reached: nothing answers at 127.0.0.1:" + closed)
                .contains("--    [default] PowerOffice Go credentials: not checked (its host cannot be reached)")
                .doesNotContain("ok    [default] PowerOffice Go")
                .contains("ok    [default] Zoho CRM at " + zoho.baseUrl() + " answers and accepts the credentials");
        assertThat(r.out().lines().filter(l -> l.startsWith("FAIL"))).as("one failure, not one per check").hasSize(1);
    }

    @Test
    void anUnknownHostIsNamedAsOneAndWhatNeedsThatSystemIsNotChecked() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("demo-secret", "").replace(zoho.baseUrl(),
                "http://no-such-host.invalid:9002").replace("refreshToken: demo-refresh",
                "refreshToken: demo-refresh\n  externalIdField: PowerOffice_Id"));

        Cli.Result r = new Cli(dir).run("doctor");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("FAIL  [default] Zoho CRM at http://no-such-host.invalid:9002 cannot be reached: "
                        + "unknown host no-such-host.invalid")
                .contains("--    [default] Zoho CRM credentials: not checked (its host cannot be reached)")
                .contains("--    [default] Zoho external-id field PowerOffice_Id: not checked (Zoho cannot be reached)")
                .contains("ok    [default] PowerOffice Go at");
        assertThat(r.out().lines().filter(l -> l.startsWith("FAIL"))).hasSize(1);
    }

    @Test
    void refusedCredentialsLeaveTheExternalIdFieldNotChecked() throws Exception {
        Files.writeString(dir.resolve("tolk.yaml"), config("wrong-secret", "").replace("refreshToken: demo-refresh",
                "refreshToken: demo-refresh\n  externalIdField: PowerOffice_Id"));

        Cli.Result r = new Cli(dir).run("doctor");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("--    [default] Zoho external-id field PowerOffice_Id: not checked (the Zoho access"
                + " check failed)");
    }
}
