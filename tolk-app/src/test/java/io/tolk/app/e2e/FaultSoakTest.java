package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.http.RetryPolicy;
import io.tolk.sim.common.FaultKind;
import io.tolk.sim.common.RequestLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault soak: {@code tolk sync} runs (a child JVM, a cycle every second) while both simulators answer with 5xx,
 * 429, dropped connections, stalled bodies and reads that trail writes by a second, and people edit records on both
 * sides and add customers in PowerOffice. It must converge to every person's last edit on both sides, duplicate
 * nothing, revert nothing, and keep its retries bounded and within each {@code Retry-After}, as the simulators' own
 * request logs show.
 * <p>Under {@code CI=true} the faults' seed is fixed ({@value #CI_SEED}); elsewhere it is random and every failure
 * message names it (rerun with {@code -Dtolk.soak.seed=N}). {@code -Dtolk.soak.rounds} and
 * {@code -Dtolk.soak.companies} make the soak longer and larger: {@code bench/run soak} does that.</p>
 */
class FaultSoakTest extends E2eBase {

    /** The share of requests answered with each fault, on both sides, per request; lag on every read. */
    static final String FAULTS = "error=0.08,throttle=0.06,drop=0.05,stall=0.05,lag=1s";
    private static final long CI_SEED = 20261203L;
    private static final int ROUNDS = Integer.getInteger("tolk.soak.rounds", 6);
    private static final int COMPANIES = Integer.getInteger("tolk.soak.companies", 12);
    private static final int PERSONS = Math.max(2, COMPANIES / 2);
    /** How long tolk runs under faults after each round of edits. */
    private static final Duration ROUND = Duration.ofMillis(2500);

    private final long seed = Long.getLong("tolk.soak.seed",
            "true".equalsIgnoreCase(System.getenv("CI")) ? CI_SEED : new java.util.Random().nextLong() & 0xffff_ffffL);

    /** The value each edited property must end with: "what/system/key" → value. */
    private final Map<String, String> lastEdit = new LinkedHashMap<>();

    @Test
    void underFaultsOnBothSidesWithEditsOnBothSidesTheRunConvergesWithoutDuplicatesOrRevertsAndRetriesStayBounded()
            throws Exception {
        String seedNote = "fault seed " + seed + " (rerun with -Dtolk.soak.seed=" + seed + ")";
        powerofficeExtra = "  requestTimeout: 2s\n";
        zohoExtra = "  requestTimeout: 2s\n";
        writeConfig("sync:\n  interval: 1s\n", "");
        Map<String, Long> companies = new LinkedHashMap<>();
        for (int i = 1; i <= COMPANIES; i++) {
            companies.put(company(i), companyInPowerOffice(company(i)));
        }
        Map<String, Long> persons = new LinkedHashMap<>();
        for (int i = 1; i <= PERSONS; i++) {
            persons.put(email(i), personInPowerOffice("Sara", "Soak" + i, email(i)));
        }
        tolk.syncOk();
        Map<String, String> accounts = zoho.all("Accounts").stream()
                .collect(Collectors.toMap(a -> a.path("Account_Name").asText(), a -> a.get("id").asText()));
        Map<String, String> contacts = zoho.all("Contacts").stream()
                .collect(Collectors.toMap(c -> c.path("Email").asText(), c -> c.get("id").asText()));
        poSim.server().requestLog().clear();
        zohoSim.server().requestLog().clear();

        List<String> added = new ArrayList<>();
        Tolk.Result failuresUnderFaults;
        try (ChildTolk run = ChildTolk.start(dir, "sync", "-c", configFile.toString())) {
            faultsOn();
            for (int round = 1; round <= ROUNDS; round++) {
                sleep(ROUND);
                editRound(round, companies, persons, accounts, contacts, added);
            }
            sleep(ROUND);
            failuresUnderFaults = tolk.run("failures");
            po.admin().setFaults("lag=1s");
            zoho.admin().setFaults("lag=1s");

            List<String> problems = awaitConverged(added, Duration.ofSeconds(60));
            assertThat(problems).as("not converged 60 s after the faults stopped; " + seedNote + "; tolk's output:\n"
                    + tail(run.output()) + diagnosis(problems, companies, persons)).isEmpty();

            po.admin().resetWriteLog();
            zoho.admin().resetWriteLog();
            sleep(Duration.ofMillis(3500));
            assertThat(po.admin().writeLog()).as("PowerOffice writes in three quiet cycles after converging: a revert "
                    + "or an echo; " + seedNote).isEmpty();
            assertThat(zoho.admin().writeLog()).as("Zoho writes in three quiet cycles after converging; " + seedNote)
                    .isEmpty();
            assertThat(notConverged(added)).as("still converged after the quiet cycles; " + seedNote).isEmpty();

            run.signal("TERM");
            assertThat(run.waitFor(30)).as(tail(run.output())).isEqualTo(143);
        }

        int maxAttempts = RetryPolicy.defaults().maxAttempts();
        RetryAudit powerOffice = RetryAudit.of("poweroffice", poSim.server().requestLog().entries(), maxAttempts);
        RetryAudit zohoSide = RetryAudit.of("zoho", zohoSim.server().requestLog().entries(), maxAttempts);
        for (RetryAudit audit : List.of(powerOffice, zohoSide)) {
            assertThat(audit.violations()).as("retries; " + seedNote).isEmpty();
            assertThat(audit.longestRun()).isLessThanOrEqualTo(maxAttempts);
            assertThat(audit.faulted()).as("faulted requests of " + audit.requests() + " (else the soak proves little); "
                    + seedNote).isGreaterThanOrEqualTo(audit.requests() / 10);
        }
        for (FaultKind kind : List.of(FaultKind.ERROR, FaultKind.THROTTLE, FaultKind.DROP, FaultKind.STALL)) {
            assertThat(powerOffice.count(kind) + zohoSide.count(kind)).as(kind + " was injected: PowerOffice "
                    + powerOffice.faults() + ", Zoho " + zohoSide.faults() + "; " + seedNote).isPositive();
        }
        assertThat(powerOffice.honoured()).as("PowerOffice's 429s carry Retry-After: 1, and tolk retried after them; "
                + seedNote).isPositive();

        assertThat(failuresUnderFaults.exitCode()).as(failuresUnderFaults.all()).isIn(0, 1);
        assertEveryFailureNamesItsRecordAndSystem(failuresUnderFaults);
        Tolk.Result failuresAfter = tolk.run("failures");
        assertThat(failuresAfter.exitCode()).as("no failure is left once the faults stopped:\n" + failuresAfter.all())
                .isZero();
    }

    /** The history of the first record a problem names, and what the simulators applied to it, for the message. */
    private String diagnosis(List<String> problems, Map<String, Long> companies, Map<String, Long> persons) {
        if (problems.isEmpty()) {
            return "";
        }
        Map<String, Long> all = new LinkedHashMap<>(companies);
        all.putAll(persons);
        for (Map.Entry<String, Long> e : all.entrySet()) {
            if (problems.get(0).startsWith(e.getKey() + " ")) {
                String id = Long.toString(e.getValue());
                String type = companies.containsKey(e.getKey()) ? "CompanyCustomer" : "PersonCustomer";
                return "\n\ntolk history of " + e.getKey() + ":\n"
                        + tolk.run("history", "poweroffice/" + type + "/" + id, "--limit", "40").all()
                        + "\nPowerOffice's writes to it: " + po.admin().writeLog().stream()
                        .filter(w -> w.path("id").asText().equals(id)).toList();
            }
        }
        return "";
    }

    /** Faults on both sides, each simulator its own seeded sequence. */
    private void faultsOn() {
        po.admin().setFaults(FAULTS + ",seed=" + seed);
        zoho.admin().setFaults(FAULTS + ",seed=" + (seed + 1));
    }

    /**
     * One round of people's edits while tolk's cycles go on (their own calls are never faulted, see
     * {@link PowerOfficeUser}): PowerOffice edits the website of half the companies and the city of half the persons,
     * Zoho the phone of the others, and one new company appears in PowerOffice.
     */
    private void editRound(int round, Map<String, Long> companies, Map<String, Long> persons,
                           Map<String, String> accounts, Map<String, String> contacts, List<String> added) {
        int i = 0;
        for (Map.Entry<String, Long> c : companies.entrySet()) {
            i++;
            if ((i + round) % 2 == 0) {
                String website = "https://r" + round + "-c" + i + ".example.no";
                po.patchCustomer(c.getValue(), "/WebsiteUrl", website);
                lastEdit.put("website/" + c.getKey(), website);
            } else {
                String phone = "4" + round + String.format("%06d", i);
                zoho.update("Accounts", accounts.get(c.getKey()), Map.of("Phone", phone));
                lastEdit.put("phone/" + c.getKey(), phone);
            }
        }
        int j = 0;
        for (Map.Entry<String, Long> p : persons.entrySet()) {
            j++;
            if ((j + round) % 2 == 0) {
                String city = "By" + round + "x" + j;
                po.patchCustomer(p.getValue(), "/MailAddress/City", city);
                lastEdit.put("city/" + p.getKey(), city);
            } else {
                String phone = "9" + round + String.format("%06d", j);
                zoho.update("Contacts", contacts.get(p.getKey()), Map.of("Phone", phone));
                lastEdit.put("personphone/" + p.getKey(), phone);
            }
        }
        String fresh = "Ny under feil " + round + " AS";
        companyInPowerOffice(fresh);
        added.add(fresh);
    }

    private List<String> awaitConverged(List<String> added, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = notConverged(added);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            problems = notConverged(added);
        }
        return problems;
    }

    /** What is not as it must end: duplicates, missing records, edits not on both sides. Empty: converged. */
    private List<String> notConverged(List<String> added) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> customers = po.customers();
        Map<String, List<JsonNode>> companiesByName = group(customers.stream()
                .filter(c -> !c.path("IsPerson").asBoolean()).toList(), c -> c.path("Name").asText());
        Map<String, List<JsonNode>> personsByEmail = group(customers.stream()
                .filter(c -> c.path("IsPerson").asBoolean()).toList(), c -> c.path("EmailAddress").asText());
        Map<String, List<JsonNode>> accountsByName = group(zoho.all("Accounts"), a -> a.path("Account_Name").asText());
        Map<String, List<JsonNode>> contactsByEmail = group(zoho.all("Contacts"), c -> c.path("Email").asText());
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= COMPANIES; i++) {
            names.add(company(i));
        }
        names.addAll(added);
        for (String name : names) {
            JsonNode customer = one(problems, "PowerOffice companies named " + name, companiesByName.get(name));
            JsonNode account = one(problems, "Zoho Accounts named " + name, accountsByName.get(name));
            if (customer == null || account == null) {
                continue;
            }
            same(problems, name + " website", lastEdit.get("website/" + name), customer.path("WebsiteUrl").asText(),
                    account.path("Website").asText());
            same(problems, name + " phone", lastEdit.get("phone/" + name), customer.path("PhoneNumber").asText(),
                    account.path("Phone").asText());
        }
        for (int j = 1; j <= PERSONS; j++) {
            String email = email(j);
            JsonNode customer = one(problems, "PowerOffice persons with e-mail " + email, personsByEmail.get(email));
            JsonNode contact = one(problems, "Zoho Contacts with e-mail " + email, contactsByEmail.get(email));
            if (customer == null || contact == null) {
                continue;
            }
            same(problems, email + " city", lastEdit.get("city/" + email), customer.path("MailAddress").path("City").asText(),
                    contact.path("Mailing_City").asText());
            same(problems, email + " phone", lastEdit.get("personphone/" + email), customer.path("PhoneNumber").asText(),
                    contact.path("Phone").asText());
        }
        if (accountsByName.values().stream().mapToInt(List::size).sum() != names.size()) {
            problems.add("Zoho has " + accountsByName.values().stream().mapToInt(List::size).sum() + " Accounts, expected "
                    + names.size() + ": " + accountsByName.keySet());
        }
        if (customers.size() != names.size() + PERSONS) {
            problems.add("PowerOffice has " + customers.size() + " customers, expected " + (names.size() + PERSONS));
        }
        return problems;
    }

    /** Both sides hold the same value, and it is the last edit where there was one. */
    private static void same(List<String> problems, String what, String expected, String powerOffice, String zoho) {
        if (expected != null && !expected.equals(powerOffice)) {
            problems.add(what + ": PowerOffice has '" + powerOffice + "', the last edit was '" + expected + "'");
        }
        if (expected != null && !expected.equals(zoho)) {
            problems.add(what + ": Zoho has '" + zoho + "', the last edit was '" + expected + "'");
        }
        if (expected == null && !powerOffice.equals(zoho)) {
            problems.add(what + ": PowerOffice has '" + powerOffice + "', Zoho '" + zoho + "'");
        }
    }

    /**
     * Every failure {@code tolk failures} lists names the record it concerns ({@code system/Type/id}) and the system
     * that refused or could not be reached.
     */
    private static void assertEveryFailureNamesItsRecordAndSystem(Tolk.Result failures) {
        java.util.regex.Pattern ref = java.util.regex.Pattern.compile("(poweroffice|zoho)/[A-Za-z]+/\\d+");
        for (String line : failures.out().split("\\R")) {
            if (line.isBlank() || !line.startsWith(" ") && !ref.matcher(line).find()) {
                continue;
            }
            if (line.matches("\\s*#?\\d+\\b.*")) {
                assertThat(ref.matcher(line).find()).as("a failure line names its record: " + line).isTrue();
                assertThat(line.toLowerCase()).as("a failure line names the system: " + line)
                        .containsAnyOf("poweroffice", "zoho");
            }
        }
    }

    private static Map<String, List<JsonNode>> group(List<JsonNode> records, java.util.function.Function<JsonNode, String> key) {
        Map<String, List<JsonNode>> out = new HashMap<>();
        records.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static JsonNode one(List<String> problems, String what, List<JsonNode> hits) {
        int n = hits == null ? 0 : hits.size();
        if (n != 1) {
            problems.add(n + " " + what);
            return null;
        }
        return hits.get(0);
    }

    private static String company(int i) {
        return "Soak " + i + " AS";
    }

    private static String email(int i) {
        return "soak" + i + "@example.no";
    }

    private static String tail(String output) {
        String[] lines = output.split("\\R");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
