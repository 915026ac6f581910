package io.tolk.engine.cycle;

import io.tolk.api.SystemSpoke;
import io.tolk.engine.SyncEngine;
import io.tolk.engine.mapping.FlowDeclaration;
import io.tolk.engine.mapping.FlowDeclaration.Side;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.mapping.MappingOverrides;
import io.tolk.engine.policy.SyncOptions;
import io.tolk.engine.store.InMemoryStore;
import io.tolk.engine.testing.FakeConnector;
import io.tolk.engine.testing.StandardMapping;
import io.tolk.engine.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third system is a new connector plus its spoke: an in-memory CRM bound to the canonical organisation joins flow F1
 * beside PowerOffice and Zoho, and the engine, which names none of them, keeps all three in agreement.
 */
class ThirdSystemTest {

    private static final SystemSpoke CRM = new SystemSpoke("crm", "Little CRM", List.of(
            SystemSpoke.TypeSpoke.of("Organisation", "organisation", "Organisations", "organization",
                    "organization.name", "Title",
                    "organization.phone", "Tel",
                    "organization.website", "Web")));

    private final TestClock clock = new TestClock();
    private final FakeConnector po = FakeConnector.poweroffice(clock);
    private final FakeConnector zoho = FakeConnector.zoho(clock);
    private final FakeConnector crm = FakeConnector.named("crm", clock, "Organisation");
    private final InMemoryStore store = new InMemoryStore(clock);
    private SyncEngine engine;

    @BeforeEach
    void threeSystemsInFlowF1() {
        List<SystemSpoke> spokes = new ArrayList<>(StandardMapping.SPOKES);
        spokes.add(CRM);
        List<FlowDeclaration> flows = new ArrayList<>(StandardMapping.FLOWS);
        flows.set(0, new FlowDeclaration("F1", List.of(Side.createdIn("poweroffice", "CompanyCustomer"),
                Side.createdIn("zoho", "Accounts"), Side.createdIn("crm", "Organisation"))));
        Mapping mapping = Mapping.build(spokes, flows, MappingOverrides.none());
        engine = new SyncEngine("three", store, List.of(po, zoho, crm), mapping, SyncOptions.defaults(), clock);
    }

    private CycleReport sync() {
        clock.advance(Duration.ofMinutes(1));
        return engine.runCycle();
    }

    private String syncUntilQuiet() {
        for (int i = 0; i < 5; i++) {
            if (sync().writes().isEmpty()) {
                return "quiet after " + (i + 1);
            }
        }
        throw new AssertionError("still writing after 5 cycles");
    }

    @Test
    void anOrganisationCreatedInTheThirdSystemAppearsInPowerOfficeAndZoho() {
        crm.put("Organisation", "5001", "Title", "Skarven Rederi AS", "Tel", "55 00 11 22", "Web", "skarven.no");

        CycleReport report = sync();

        assertThat(report.count(ChangeKind.CREATE)).isEqualTo(2);
        assertThat(po.ids("CompanyCustomer")).hasSize(1);
        String customer = po.ids("CompanyCustomer").get(0);
        assertThat(po.fields("CompanyCustomer", customer)).containsEntry("Name", "Skarven Rederi AS")
                .containsEntry("PhoneNumber", "55 00 11 22").containsEntry("WebsiteUrl", "skarven.no");
        assertThat(zoho.ids("Accounts")).hasSize(1);
        assertThat(zoho.fields("Accounts", zoho.ids("Accounts").get(0))).containsEntry("Account_Name", "Skarven Rederi AS")
                .containsEntry("Phone", "55 00 11 22").containsEntry("Website", "skarven.no");
        syncUntilQuiet();
        assertThat(crm.ids("Organisation")).as("nothing is created back in the system it came from").hasSize(1);
        assertThat(po.ids("CompanyCustomer")).hasSize(1);
        assertThat(zoho.ids("Accounts")).hasSize(1);
    }

    @Test
    void anEditInAnyOfTheThreeReachesTheOtherTwo() {
        crm.put("Organisation", "5001", "Title", "Skarven Rederi AS", "Tel", "55 00 11 22");
        sync();
        syncUntilQuiet();
        String customer = po.ids("CompanyCustomer").get(0);
        String account = zoho.ids("Accounts").get(0);

        po.edit("CompanyCustomer", customer, "PhoneNumber", "11 11 11 11");
        sync();
        assertThat(zoho.field("Accounts", account, "Phone")).isEqualTo("11 11 11 11");
        assertThat(crm.field("Organisation", "5001", "Tel")).isEqualTo("11 11 11 11");
        syncUntilQuiet();

        zoho.edit("Accounts", account, "Account_Name", "Skarven AS");
        sync();
        assertThat(po.field("CompanyCustomer", customer, "Name")).isEqualTo("Skarven AS");
        assertThat(crm.field("Organisation", "5001", "Title")).isEqualTo("Skarven AS");
        syncUntilQuiet();

        crm.edit("Organisation", "5001", "Tel", "22 22 22 22");
        sync();
        assertThat(po.field("CompanyCustomer", customer, "PhoneNumber")).isEqualTo("22 22 22 22");
        assertThat(zoho.field("Accounts", account, "Phone")).isEqualTo("22 22 22 22");
        assertThat(syncUntilQuiet()).isEqualTo("quiet after 1");
    }

    @Test
    void aPowerOfficeCustomerReachesZohoAndTheThirdSystemAndAMatchingOrganisationThereIsLinkedNotDuplicated() {
        crm.put("Organisation", "5001", "Title", "Fjellvind AS");
        po.put("CompanyCustomer", "1", "Name", "Fjellvind AS", "PhoneNumber", "22 33 44 55");

        sync();
        syncUntilQuiet();

        assertThat(crm.ids("Organisation")).containsExactly("5001");
        assertThat(crm.field("Organisation", "5001", "Tel")).isEqualTo("22 33 44 55");
        assertThat(zoho.ids("Accounts")).hasSize(1);
        assertThat(po.ids("CompanyCustomer")).containsExactly("1");
    }
}
