package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 8: {@code tolk plan} writes nothing anywhere (both systems read back in full, the store files byte for byte), and
 * the next sync makes exactly the writes it planned: each planned record and field is read back, and the simulators'
 * per-operation counters show no other write.
 */
class DryRunTest extends E2eBase {

    @Test
    void planWritesNothingAndTheNextSyncMakesExactlyThePlannedWritesRecordByRecordAndFieldByField() {
        writeConfig(syncSection(Map.of("createInPoweroffice", "true")), "");
        long company = companyInPowerOffice("Fjellvind AS");
        long person = personInPowerOffice("Kari", "Nordmann", "kari@example.no");
        long department = departmentInPowerOffice("20", "Avdeling Vest");
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        String contact = onlyZoho("Contacts", "Email", "kari@example.no").get("id").asText();
        // pending: updates both ways, creates both ways (every flow), and a first link that fills blanks both ways
        po.patchCustomer(company, "/PhoneNumber", "73001122");
        po.patchCustomer(company, "/MailAddress/City", "Trondheim");
        po.patchDepartment(department, "/Name", "Avdeling Nord");
        zoho.update("Contacts", contact, Map.of("Mailing_City", "Bodø", "Mobile", "99999999"));
        zoho.update("Accounts", account, Map.of("Website", "https://fjellvind.example.com"));
        companyInPowerOffice("Havbris AS");
        departmentInPowerOffice("30", "Avdeling Sør");
        personInPowerOffice("Ola", "Hansen", "ola@example.no");
        zoho.create("Accounts", Map.of("Account_Name", "Bare i Zoho AS", "Phone", "22001100", "Billing_City", "Oslo",
                "Billing_Code", "0150", "Billing_Country", "NO"));
        po.createCustomer(Map.of("Name", "Solskinn AS", "IsPerson", false, "WebsiteUrl", "https://solskinn.example.no",
                "MailAddress", Map.of("City", "Oslo", "ZipCode", "0150", "CountryCode", "NO")));
        zoho.create("Accounts", Map.of("Account_Name", "Solskinn AS", "Phone", "22110099"));
        String systemsBefore = systemsDump();
        Map<String, String> storeBefore = storeFiles();
        resetCounters();

        PlanOutput plan = PlanOutput.parse(tolk.run("plan").expectExit(0).out());

        assertThat(writes()).as("write calls {PowerOffice, Zoho} during tolk plan").containsExactly(0, 0);
        assertThat(storeFiles()).as("the store files, byte for byte").isEqualTo(storeBefore);
        assertThat(systemsDump()).as("both systems, every record and field, after tolk plan").isEqualTo(systemsBefore);
        assertThat(plan.writes(ChangeShape.CREATE, "zoho")).as("creates in Zoho:\n" + plan).hasSize(3);
        assertThat(plan.writes(ChangeShape.CREATE, "poweroffice")).as("creates in PowerOffice:\n" + plan).hasSize(1);
        assertThat(plan.writes(ChangeShape.UPDATE, "zoho")).as("updates in Zoho:\n" + plan).isNotEmpty();
        assertThat(plan.writes(ChangeShape.UPDATE, "poweroffice")).as("updates in PowerOffice:\n" + plan).isNotEmpty();
        resetCounters();

        Tolk.Result sync = tolk.syncOk();

        List<String> mismatches = new ArrayList<>();
        for (PlanOutput.Entry w : plan.writes()) {
            mismatches.addAll(checkWritten(w));
        }
        assertThat(mismatches).as("planned writes not found as planned after the sync:\n" + plan + "\nsync said:\n" + sync.all())
                .isEmpty();
        Map<String, Long> plannedByOperation = new java.util.TreeMap<>();
        for (PlanOutput.Entry w : plan.writes()) {
            plannedByOperation.merge(operation(w), 1L, Long::sum);
        }
        Map<String, Long> writtenByOperation = new java.util.TreeMap<>();
        po.admin().counters().path("recordsWrittenByOperation").fields()
                .forEachRemaining(e -> writtenByOperation.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        zoho.admin().counters().path("recordsWrittenByOperation").fields()
                .forEachRemaining(e -> writtenByOperation.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        writtenByOperation.values().removeIf(n -> n == 0);
        assertThat(writtenByOperation).as("records written per operation (simulator counters) against the plan:\n" + plan)
                .isEqualTo(plannedByOperation);
        assertThat(po.customer(person).path("MailAddress").path("City").asText()).isEqualTo("Bodø");
        resetCounters();
        tolk.syncOk();
        assertThat(writes()).as("write calls in the cycle after").containsExactly(0, 0);
    }

    /** The kinds of planned writes, as printed. */
    private static final class ChangeShape {
        static final String CREATE = "create";
        static final String UPDATE = "update";
    }

    /** The simulator operation a planned write must show up under. */
    private static String operation(PlanOutput.Entry w) {
        String type = w.target().split("/")[1];
        if (w.system().equals("zoho")) {
            return type + (w.kind().equals("create") ? ".insert" : "." + w.kind());
        }
        String collection = type.equals("Department") ? "departments" : "customers";
        return collection + "." + w.kind();
    }

    /** What the planned write should have left in its target, read back through the vendor's API; problems found. */
    private List<String> checkWritten(PlanOutput.Entry w) {
        List<String> problems = new ArrayList<>();
        String type = w.target().split("/")[1];
        if (w.kind().equals("update")) {
            JsonNode record = read(w.system(), type, w.id());
            w.fields().forEach((field, value) -> {
                String actual = value(record, w.system(), field);
                if (!java.util.Objects.equals(blankToNull(actual), blankToNull(value))) {
                    problems.add(w + ": " + field + " is '" + actual + "'");
                }
            });
        } else if (w.kind().equals("create")) {
            List<JsonNode> candidates = w.system().equals("zoho") ? zoho.dump(type)
                    : type.equals("Department") ? po.departments() : po.customers();
            long hits = candidates.stream().filter(r -> w.fields().entrySet().stream().allMatch(e ->
                    java.util.Objects.equals(blankToNull(value(r, w.system(), e.getKey())), blankToNull(e.getValue()))))
                    .count();
            if (hits != 1) {
                problems.add(w + ": " + hits + " records carry exactly the planned values");
            }
        } else {
            problems.add(w + ": not expected in this plan");
        }
        return problems;
    }

    private JsonNode read(String system, String type, String id) {
        if (system.equals("zoho")) {
            return zoho.full(type, id);
        }
        return type.equals("Department") ? po.department(Long.parseLong(id)) : po.customer(Long.parseLong(id));
    }

    private static String value(JsonNode record, String system, String field) {
        JsonNode v = system.equals("zoho") ? record.path(field) : record.at("/" + field.replace('.', '/'));
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Test
    void planOnAnEmptyStoreLeavesNoStoreBehind() {
        companyInPowerOffice("Fjellvind AS");
        Map<String, String> before = storeFiles();
        String systemsBefore = systemsDump();

        tolk.run("plan").expectExit(0);

        assertThat(writes()).containsExactly(1, 0); // the customer created by this test
        assertThat(zoho.all("Accounts")).isEmpty();
        assertThat(storeFiles()).isEqualTo(before);
        assertThat(systemsDump()).isEqualTo(systemsBefore);
    }
}
