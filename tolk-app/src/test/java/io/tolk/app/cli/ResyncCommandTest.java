package io.tolk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.app.sim.RunningSimulator;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tolk resync} against both simulators: a Zoho value changed behind the incremental read's back (its
 * Modified_Time left in the past, as a restored backup or a lagging index would) reaches PowerOffice only through resync.
 */
class ResyncCommandTest {

    private SimulatorPair sims;
    private RunningSimulator po;
    private RunningSimulator zoho;
    private Cli cli;
    private long customer;
    private String account;

    @TempDir
    Path dir;

    @BeforeEach
    void aLinkedCompanyWhoseZohoPhoneChangedUnseen() throws Exception {
        sims = SimulatorPair.start(0, dir, "");
        po = sims.po;
        zoho = sims.zoho;
        cli = new Cli(dir);
        customer = SimHttp.send(SimHttp.post(po.baseUrl() + "/__sim/fixtures", Map.of("customers", List.of(Map.of(
                "Name", "Fjellvind AS", "IsPerson", false, "PhoneNumber", "22334455"))))).get("customers").get(0).asLong();
        assertThat(cli.run("sync", "--once").exitCode()).isZero();
        JsonNode accounts = SimHttp.zoho(zoho.baseUrl(), "/Accounts?fields=Account_Name,Phone").get("data");
        assertThat(accounts).hasSize(1);
        account = accounts.get(0).get("id").asText();
        assertThat(accounts.get(0).get("Phone").asText()).isEqualTo("22334455");

        // an hour later another Account changes: the incremental read's checkpoint moves past that hour
        JsonNode stored = SimHttp.zoho(zoho.baseUrl(), "/Accounts/" + account).get("data").get(0);
        SimHttp.send(SimHttp.post(zoho.baseUrl() + "/__sim/clock", Map.of("advanceSeconds", 3600)));
        SimHttp.send(SimHttp.post(zoho.baseUrl() + "/__sim/fixtures", Map.of("Accounts", List.of(Map.of(
                "Account_Name", "Havbris AS")))));
        assertThat(cli.run("sync", "--once").exitCode()).isZero();
        // then the phone changes with a Modified_Time inside that hour, after tolk's write but behind the checkpoint
        ObjectNode edited = JsonNodeFactory.instance.objectNode();
        stored.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getKey().startsWith("$")) {
                edited.set(e.getKey(), e.getValue());
            }
        });
        edited.put("Phone", "99887766");
        edited.put("Modified_Time", OffsetDateTime.parse(stored.get("Modified_Time").asText()).plusMinutes(10).toString());
        SimHttp.send(SimHttp.post(zoho.baseUrl() + "/__sim/fixtures", Map.of("Accounts", List.of(edited))));

        Cli.Result unseen = cli.run("sync", "--once");
        assertThat(unseen.exitCode()).as(unseen.out() + unseen.err()).isZero();
        assertThat(poPhone()).as("an incremental read does not see the change").isEqualTo("22334455");
    }

    @AfterEach
    void stopSimulators() {
        sims.close();
    }

    private String poPhone() {
        return SimHttp.poweroffice(po.baseUrl(), "/Customers/" + customer).get("PhoneNumber").asText();
    }

    @Test
    void resyncReadsTheRecordAndItsPartnerAgainAndAppliesWhatItFinds() {
        Cli.Result r = cli.run("resync", "zoho/Accounts/" + account);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Read again from the systems: zoho/Accounts/" + account,
                "poweroffice/CompanyCustomer/" + customer, "Cycle for connection 'default' finished");
        assertThat(poPhone()).isEqualTo("99887766");
    }

    @Test
    void resyncLaterStagesTheFreshValuesForTheNextCycle() {
        Cli.Result r = cli.run("resync", "--later", "poweroffice/CompanyCustomer/" + customer);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("zoho/Accounts/" + account, "The next cycle applies").doesNotContain("Cycle for");
        assertThat(poPhone()).as("nothing written yet").isEqualTo("22334455");

        assertThat(cli.run("sync", "--once").exitCode()).isZero();
        assertThat(poPhone()).isEqualTo("99887766");
    }

    @Test
    void resyncOfARecordTolkNeverReadIsAUsageError() {
        Cli.Result r = cli.run("resync", "zoho/Accounts/404");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("has not read zoho/Accounts/404");
    }
}
