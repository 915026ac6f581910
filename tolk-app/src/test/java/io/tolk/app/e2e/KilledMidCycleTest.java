package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code tolk sync --once} process killed with SIGKILL in the middle of its writes (a real child JVM, the simulators
 * slowed down so the cycle takes seconds), then the next run: nothing is duplicated in either system, everything
 * converges, and the cycle after that writes nothing.
 */
class KilledMidCycleTest extends E2eBase {

    private static final int LINKED_COMPANIES = 30;
    private static final int LINKED_PERSONS = 10;
    private static final int NEW_IN_ZOHO = 30;
    private static final int NEW_COMPANIES = 20;
    private static final int NEW_PERSONS = 10;
    private static final int ZOHO_EDITS = 15; // Linket 1..15: Phone edited in Zoho

    /** Linked records on both sides, then work of every kind pending: creates both ways, updates both ways. */
    private void worldWithPendingWork() {
        writeConfig(syncSection(Map.of("createInPoweroffice", "true")), "");
        for (int i = 1; i <= LINKED_COMPANIES; i++) {
            companyInPowerOffice("Linket " + i + " AS");
        }
        for (int i = 1; i <= LINKED_PERSONS; i++) {
            personInPowerOffice("Per", "Linket" + i, "per" + i + "@example.no");
        }
        tolk.syncOk();
        Map<String, String> accounts = zoho.all("Accounts").stream()
                .collect(Collectors.toMap(a -> a.path("Account_Name").asText(), a -> a.get("id").asText()));
        Map<String, Long> customers = po.customers().stream()
                .collect(Collectors.toMap(c -> c.path("Name").asText(), c -> c.get("Id").asLong(), (a, b) -> a));
        for (int i = 1; i <= NEW_IN_ZOHO; i++) {
            zoho.create("Accounts", Map.of("Account_Name", "Fra Zoho " + i + " AS", "Billing_City", "Oslo",
                    "Billing_Code", "0150", "Billing_Country", "NO"));
        }
        for (int i = 1; i <= NEW_COMPANIES; i++) {
            companyInPowerOffice("Ny " + i + " AS");
        }
        for (int i = 1; i <= NEW_PERSONS; i++) {
            personInPowerOffice("Nina", "Ny" + i, "nina" + i + "@example.no");
        }
        for (int i = 1; i <= LINKED_COMPANIES; i++) {
            if (i <= ZOHO_EDITS) {
                zoho.update("Accounts", accounts.get("Linket " + i + " AS"), Map.of("Phone", phone(i)));
            } else {
                po.patchCustomer(customers.get("Linket " + i + " AS"), "/WebsiteUrl", website(i));
            }
        }
    }

    private static String phone(int i) {
        return "9000" + String.format("%04d", i);
    }

    private static String website(int i) {
        return "https://linket" + i + ".example.com";
    }

    /** What is not (yet) as it must end: duplicates, missing records, edits that did not cross. Empty: converged. */
    private List<String> notConverged() {
        List<String> problems = new ArrayList<>();
        List<JsonNode> customers = po.customers();
        List<JsonNode> accounts = zoho.all("Accounts");
        List<JsonNode> contacts = zoho.all("Contacts");
        Map<String, List<JsonNode>> customersByName = group(customers.stream().filter(c -> !c.path("IsPerson").asBoolean())
                .toList(), c -> c.path("Name").asText());
        Map<String, List<JsonNode>> personsByEmail = group(customers.stream().filter(c -> c.path("IsPerson").asBoolean())
                .toList(), c -> c.path("EmailAddress").asText().toLowerCase());
        Map<String, List<JsonNode>> accountsByName = group(accounts, a -> a.path("Account_Name").asText());
        Map<String, List<JsonNode>> contactsByEmail = group(contacts, c -> c.path("Email").asText().toLowerCase());
        List<String> companies = new ArrayList<>();
        for (int i = 1; i <= LINKED_COMPANIES; i++) {
            companies.add("Linket " + i + " AS");
        }
        for (int i = 1; i <= NEW_COMPANIES; i++) {
            companies.add("Ny " + i + " AS");
        }
        for (int i = 1; i <= NEW_IN_ZOHO; i++) {
            companies.add("Fra Zoho " + i + " AS");
        }
        List<String> emails = new ArrayList<>();
        for (int i = 1; i <= LINKED_PERSONS; i++) {
            emails.add("per" + i + "@example.no");
        }
        for (int i = 1; i <= NEW_PERSONS; i++) {
            emails.add("nina" + i + "@example.no");
        }
        for (String name : companies) {
            exactlyOne(problems, "PowerOffice customers named " + name, customersByName.get(name));
            exactlyOne(problems, "Zoho Accounts named " + name, accountsByName.get(name));
        }
        for (String email : emails) {
            exactlyOne(problems, "PowerOffice persons with e-mail " + email, personsByEmail.get(email));
            exactlyOne(problems, "Zoho Contacts with e-mail " + email, contactsByEmail.get(email));
        }
        if (customers.size() != companies.size() + emails.size()) {
            problems.add(customers.size() + " PowerOffice customers, expected " + (companies.size() + emails.size()));
        }
        if (accounts.size() != companies.size()) {
            problems.add(accounts.size() + " Zoho Accounts, expected " + companies.size());
        }
        if (contacts.size() != emails.size()) {
            problems.add(contacts.size() + " Zoho Contacts, expected " + emails.size());
        }
        for (int i = 1; i <= LINKED_COMPANIES; i++) {
            String name = "Linket " + i + " AS";
            if (i <= ZOHO_EDITS) {
                List<JsonNode> c = customersByName.getOrDefault(name, List.of());
                if (c.size() == 1 && !c.get(0).path("PhoneNumber").asText().equals(phone(i))) {
                    problems.add(name + ": the Zoho phone edit has not reached PowerOffice");
                }
            } else {
                List<JsonNode> a = accountsByName.getOrDefault(name, List.of());
                if (a.size() == 1 && !zoho.get("Accounts", a.get(0).get("id").asText()).path("Website").asText().equals(website(i))) {
                    problems.add(name + ": the PowerOffice website edit has not reached Zoho");
                }
            }
        }
        return problems;
    }

    private static Map<String, List<JsonNode>> group(List<JsonNode> records, Function<JsonNode, String> key) {
        Map<String, List<JsonNode>> out = new HashMap<>();
        records.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static void exactlyOne(List<String> problems, String what, List<JsonNode> hits) {
        int n = hits == null ? 0 : hits.size();
        if (n != 1) {
            problems.add(n + " " + what);
        }
    }

    /**
     * Runs {@code tolk sync --once} in a child JVM against slowed-down simulators and kills it (SIGKILL) once
     * {@code writes} write calls have reached the system {@code counted} belongs to; checks the kill left work undone.
     */
    private void syncKilledAfter(SimAdmin counted, int writes) throws Exception {
        po.admin().setFaults("latency=60ms");
        zoho.admin().setFaults("latency=60ms");
        resetCounters();
        try (ChildTolk child = ChildTolk.start(dir, "sync", "--once", "-c", configFile.toString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (counted.writes() < writes) {
                assertThat(child.isAlive()).as("the cycle ended before the kill point; its output:\n" + child.output())
                        .isTrue();
                assertThat(System.nanoTime()).as("the kill point was not reached in time").isLessThan(deadline);
                Thread.sleep(5);
            }
            child.kill();
        } finally {
            po.admin().setFaults("");
            zoho.admin().setFaults("");
        }
        assertThat(notConverged()).as("the kill left work undone (else it was not mid-cycle)").isNotEmpty();
    }

    /**
     * Kill points: after the {@code writes}-th write call has reached {@code system} (counted by the simulator, which
     * applies a call even when its caller has died): early in the PowerOffice creates (one call per customer), at the
     * first Zoho create batch, and among the PowerOffice updates after every create was sent.
     */
    @ParameterizedTest(name = "killed after {1} write calls reached {0}")
    @CsvSource({"poweroffice, 5", "zoho, 1", "poweroffice, 40"})
    void killedMidCycleTheNextRunFinishesWithoutDuplicatesAndThenIsQuiet(String system, int writes) throws Exception {
                worldWithPendingWork();

        syncKilledAfter(system.equals("zoho") ? zoho.admin() : po.admin(), writes);

        Tolk next = tolk;
        Tolk.Result recovery = next.sync();

        assertThat(notConverged()).as("after the next run (exit " + recovery.exitCode() + "):\n" + recovery.all()).isEmpty();
        assertThat(recovery.exitCode()).as(recovery.all()).isZero();
        resetCounters();
        Tolk.Result after = next.syncOk();
        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the cycle after:\n" + after.all()).containsExactly(0, 0);
    }

    /**
     * The crashed process cannot release its cycle lock; the next run, on the same machine, sees that the holder's
     * process has ended and goes on at once (no waiting for the lease to run out), saying so.
     */
    @Test
    void theRunRightAfterAKilledRunIsNotRefusedByTheDeadProcessesLock() throws Exception {
        worldWithPendingWork();
        syncKilledAfter(po.admin(), 5);

        Tolk.Result next = tolk.sync();

        assertThat(next.exitCode()).as("the run right after the killed one:\n" + next.all()).isZero();
        assertThat(next.all()).contains("took over the cycle lock of process");
        assertThat(notConverged()).isEmpty();
    }
}
