package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A world with work of every kind pending, for tests that end a cycle in the middle of its writes (killed, or stopped
 * by a signal): linked records on both sides, then creates both ways and updates both ways; and the check that both
 * systems ended as they must, with nothing duplicated.
 */
abstract class MidCycleBase extends E2eBase {

    private static final int LINKED_COMPANIES = 30;
    private static final int LINKED_PERSONS = 10;
    private static final int NEW_IN_ZOHO = 30;
    private static final int NEW_COMPANIES = 20;
    private static final int NEW_PERSONS = 10;
    private static final int ZOHO_EDITS = 15; // Linket 1..15: Phone edited in Zoho

    /** Linked records on both sides, then work of every kind pending: creates both ways, updates both ways. */
    protected void worldWithPendingWork() {
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
    protected List<String> notConverged() {
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

    /** Both simulators answer every API call this much later (real time), so a cycle's writes take seconds. */
    protected void slowSimulators(String latency) {
        po.admin().setFaults("latency=" + latency);
        zoho.admin().setFaults("latency=" + latency);
    }

    protected void normalSimulators() {
        po.admin().setFaults("");
        zoho.admin().setFaults("");
    }
}
