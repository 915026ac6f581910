package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mapping changed in tolk.yaml after the first sync: the records it touches are re-evaluated on the next cycle (a
 * backfill), and {@code tolk plan} shows that backfill first, writing nothing.
 */
class MappingChangeTest extends E2eBase {

    private static final String ADD_ORG_NUMBER = "flows:\n  F1:\n    add:\n      - property: organization.orgNumber\n"
            + "        poweroffice: OrganizationNumber\n        zoho: Account_Number\n";

    private long company(String name, String orgNumber) {
        Map<String, Object> dto = new HashMap<>(Map.of("Name", name, "IsPerson", false, "PhoneNumber", "22334455",
                "MailAddress", Map.of("AddressLine1", "Storgata 1", "City", "Oslo", "ZipCode", "0150", "CountryCode", "NO")));
        if (orgNumber != null) {
            dto.put("OrganizationNumber", orgNumber);
        }
        return po.createCustomer(dto);
    }

    @Test
    void addedPropertyPairIsBackfilledAsPlannedAndThenQuiet() {
        company("Fjellvind AS", "912345678");
        company("Havbris AS", "923456789");
        long nordlys = company("Nordlys AS", null);
        personInPowerOffice("Kari", "Nordmann", "kari@example.no");
        departmentInPowerOffice("20", "Avdeling Vest");
        tolk.syncOk();
        String fjellvind = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        String havbris = onlyZoho("Accounts", "Account_Name", "Havbris AS").get("id").asText();
        String nordlysAccount = onlyZoho("Accounts", "Account_Name", "Nordlys AS").get("id").asText();
        // before the mapping knew the pair, a CRM user typed an org number on the Account whose customer has none
        zoho.update("Accounts", nordlysAccount, Map.of("Account_Number", "934567890"));
        tolk.syncOk();
        assertThat(zoho.get("Accounts", fjellvind).path("Account_Number").isNull()
                || zoho.get("Accounts", fjellvind).path("Account_Number").isMissingNode())
                .as("the pair is not mapped yet: Account_Number stays empty").isTrue();
        assertThat(po.customer(nordlys).path("OrganizationNumber").asText("")).isEmpty();

        writeConfig(ADD_ORG_NUMBER);
        Map<String, String> storeBefore = storeFiles();
        resetCounters();

        PlanOutput plan = PlanOutput.parse(tolk.run("plan").expectExit(0).out());

        assertThat(writes()).as("write calls {PowerOffice, Zoho} during tolk plan").containsExactly(0, 0);
        assertThat(storeFiles()).as("the store files, byte for byte, after tolk plan").isEqualTo(storeBefore);
        assertThat(plan.writes()).as("the backfill tolk plan shows:\n" + plan).hasSize(3);
        assertThat(plan.updateOf("zoho", "Accounts", fjellvind).fields())
                .as("Fjellvind's Account").containsExactly(Map.entry("Account_Number", "912345678"));
        assertThat(plan.updateOf("zoho", "Accounts", havbris).fields())
                .as("Havbris' Account").containsExactly(Map.entry("Account_Number", "923456789"));
        assertThat(plan.updateOf("poweroffice", "CompanyCustomer", Long.toString(nordlys)).fields())
                .as("Nordlys' customer").containsExactly(Map.entry("OrganizationNumber", "934567890"));

        tolk.syncOk();

        assertThat(zoho.get("Accounts", fjellvind).path("Account_Number").asText()).isEqualTo("912345678");
        assertThat(zoho.get("Accounts", havbris).path("Account_Number").asText()).isEqualTo("923456789");
        assertThat(po.customer(nordlys).path("OrganizationNumber").asText()).isEqualTo("934567890");
        JsonNode counters = zoho.admin().counters();
        assertThat(zoho.admin().recordsWritten()).as("Zoho records written by the backfill: " + counters).isEqualTo(2);
        assertThat(zoho.admin().requests("Accounts.insert") + zoho.admin().requests("Contacts.insert")
                + zoho.admin().requests("Contacts.update")).as("Zoho writes other than Account updates: " + counters).isZero();
        assertThat(po.admin().recordsWritten()).as("PowerOffice records written by the backfill: " + po.admin().counters())
                .isEqualTo(1);
        assertThat(zoho.all("Accounts")).hasSize(4);
        assertThat(po.customers()).hasSize(4);

        resetCounters();
        Tolk.Result next = tolk.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the cycle after the backfill:\n" + next.all())
                .containsExactly(0, 0);
        assertThat(tolk.run("plan").expectExit(0).out()).contains("Nothing to do");
    }

    @Test
    void removedPropertyPairStopsSyncingThatFieldAndWritesNothing() {
        writeConfig(ADD_ORG_NUMBER);
        long company = company("Fjellvind AS", "912345678");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        assertThat(zoho.get("Accounts", account).path("Account_Number").asText()).isEqualTo("912345678");

        writeConfig("");
        resetCounters();
        assertThat(PlanOutput.parse(tolk.run("plan").expectExit(0).out()).writes()).isEmpty();
        tolk.syncOk();
        assertThat(writes()).as("write calls after the pair was removed").containsExactly(0, 0);

        po.patchCustomer(company, "/OrganizationNumber", "987654321");
        tolk.syncOk();
        assertThat(zoho.get("Accounts", account).path("Account_Number").asText())
                .as("no longer mapped: the old value stays").isEqualTo("912345678");
    }
}
