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
        assertThat(r.out()).contains("FAIL  config: ").contains("sync.tieWinner (line 15)");
    }
}
