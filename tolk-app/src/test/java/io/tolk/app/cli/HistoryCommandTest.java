package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.app.sim.RunningSimulator;
import io.tolk.store.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tolk history}: one record's story in plain words, read-only. */
class HistoryCommandTest {

    private SimulatorPair sims;
    private RunningSimulator po;
    private RunningSimulator zoho;
    private Cli cli;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        sims = SimulatorPair.start(0, dir, "");
        po = sims.po;
        zoho = sims.zoho;
        cli = new Cli(dir);
    }

    @AfterEach
    void stopSimulators() {
        sims.close();
    }

    private long[] companies(Map<String, Object>... customers) {
        JsonNode ids = SimHttp.send(SimHttp.post(po.baseUrl() + "/__sim/fixtures", Map.of("customers", List.of(customers))))
                .get("customers");
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).asLong();
        }
        return out;
    }

    @Test
    void historyTellsWhenTolkCreatedThePartnerAndWhatItWroteOldToNew() {
        long id = companies(Map.of("Name", "Fjellvind AS", "IsPerson", false))[0];
        assertThat(cli.run("sync", "--once").exitCode()).isZero();
        companies(Map.of("Id", id, "Name", "Fjellvind Holding AS", "IsPerson", false));
        assertThat(cli.run("sync", "--once").exitCode()).isZero();

        Cli.Result r = cli.run("history", "poweroffice/CompanyCustomer/" + id);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("History of poweroffice/CompanyCustomer/" + id + " and its partner, newest first:",
                "tolk wrote to zoho: Account_Name: 'Fjellvind AS' → 'Fjellvind Holding AS'",
                "tolk created it in zoho (from poweroffice/CompanyCustomer/" + id + ")",
                "poweroffice/CompanyCustomer/" + id + "  linked (created zoho/Accounts/");
        assertThat(r.out().indexOf("tolk wrote to zoho")).as("newest first").isLessThan(r.out().indexOf("tolk created it"));

        Cli.Result one = cli.run("history", "--limit", "1", "poweroffice/CompanyCustomer/" + id);
        assertThat(one.out()).contains("tolk wrote to zoho").doesNotContain("tolk created it")
                .contains("the newest 1 lines; see more with --limit");
    }

    @Test
    void historyShowsWhyARecordCouldNotBeSynced() {
        long id = companies(Map.of("Name", "Fjellvind " + "x".repeat(300), "IsPerson", false))[0];
        assertThat(cli.run("sync", "--once").exitCode()).isEqualTo(1);

        Cli.Result r = cli.run("history", "poweroffice/CompanyCustomer/" + id);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("could not be synced: ", "Account_Name");
    }

    @Test
    void historyNeverCreatesTheStoreAndNeverWaitsForARunningCycle() {
        Cli.Result unknown = cli.run("history", "poweroffice/CompanyCustomer/1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("has not read poweroffice/CompanyCustomer/1");
        assertThat(dir.resolve("tolk.db")).as("a read-only command creates no store").doesNotExist();

        long id = companies(Map.of("Name", "Fjellvind AS", "IsPerson", false))[0];
        assertThat(cli.run("sync", "--once").exitCode()).isZero();
        try (JdbcStore store = JdbcStore.open("sqlite:" + dir.resolve("tolk.db"))) {
            assertThat(store.tryLock("default", "a-running-cycle", Duration.ofMinutes(30))).isTrue();

            Cli.Result r = cli.run("history", "poweroffice/CompanyCustomer/" + id);

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("linked (created zoho/Accounts/");
        }
    }

    @Test
    void aLimitBelowOneIsAUsageError() {
        Cli.Result r = cli.run("history", "--limit", "0", "poweroffice/CompanyCustomer/1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--limit must be at least 1");
    }
}
