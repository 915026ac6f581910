package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.store.JdbcStore;
import io.tolk.store.StoreUrl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One world that tolk is killed in again and again (the kill harness): companies linked on both sides, and before
 * each round new work of every kind on both sides (creates both ways, edits both ways, deletes both ways, deletes
 * propagated). After a kill and the runs that converge, {@link #checkTheFourProperties} checks: no duplicate in either
 * system, every edit arrived (and every delete), every live record linked to its partner, and every write the
 * simulators applied in tolk's history ({@link WriteLedger}).
 */
abstract class KillHarnessBase extends E2eBase {

    /** Companies linked before the first round; each round edits two of them on each side. */
    private static final int BASES = 8;

    /** Every company the world has, by name: what it must be in the end. */
    private final Map<String, Fate> companies = new LinkedHashMap<>();
    /** Base company → the phone its Zoho account was last given (must reach PowerOffice). */
    private final Map<String, String> phones = new HashMap<>();
    /** Base company → the website its PowerOffice customer was last given (must reach Zoho). */
    private final Map<String, String> websites = new HashMap<>();
    private final List<String> createdInZoho = new ArrayList<>();
    private final List<String> createdInPowerOffice = new ArrayList<>();
    /** Zoho accounts a user edited while tolk ran (their updates in Zoho's write log are the user's, not tolk's). */
    private final java.util.Set<String> editedWhileRunning = new java.util.HashSet<>();
    private int round;
    /** When the writes being checked began (the simulators' write logs were emptied then). */
    protected Instant since;

    /** What must become of a company. */
    private enum Fate {
        /** In both systems, once, linked. */
        LIVE,
        /** Deleted in Zoho: archived in PowerOffice, no Zoho account. */
        DELETED_IN_ZOHO,
        /** Deleted in PowerOffice: no Zoho account, no PowerOffice customer. */
        DELETED_IN_POWEROFFICE
    }

    @Override
    protected boolean oneWorldPerClass() {
        return true;
    }

    /** The config of the world: creates both ways, deletes propagated. {@code extra}: further top-level YAML. */
    protected void harnessConfig(String extra) {
        writeConfig(syncSection(Map.of("createInPoweroffice", "true", "deletes", "propagate",
                "maxDeletesPerCycle", "1000")), extra);
    }

    /** The companies of the first sync, in PowerOffice only (the first sync creates their Zoho accounts). */
    protected void firstWorld() {
        harnessConfig("");
        for (int i = 1; i <= BASES; i++) {
            String name = base(i);
            companyInPowerOffice(name);
            companies.put(name, Fate.LIVE);
        }
        companyInPowerOffice(NOTIFIED);
        companies.put(NOTIFIED, Fate.LIVE);
        for (int i = 1; i <= 2; i++) {
            newInZoho("Start " + i + " Zoho AS");
        }
        checkWritesFromNow();
    }

    /** The company a user edits in Zoho while the service runs (nothing else edits it). */
    private static final String NOTIFIED = "Varslet AS";

    /** A user's edit in Zoho while tolk runs ({@code n}: the how-manieth): a new phone for {@link #NOTIFIED}. */
    protected void userEditsInZohoDuring(int n) {
        String id = zoho.all("Accounts").stream().filter(a -> a.path("Account_Name").asText().equals(NOTIFIED))
                .map(a -> a.get("id").asText()).findFirst().orElseThrow();
        String phone = "8" + String.format("%07d", round * 1000 + n);
        zoho.update("Accounts", id, Map.of("Phone", phone));
        phones.put(NOTIFIED, phone);
        editedWhileRunning.add(id);
    }

    /** A child tolk ({@code tolk <args> -c tolk.yaml}), armed at {@code haltAt} unless {@code null}. */
    protected ChildTolk child(String haltAt, String... args) throws java.io.IOException {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add("-c");
        argv.add(configFile.toString());
        List<String> jvm = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData"));   // a quicker start
        if (haltAt != null) {
            jvm.add("-Dtolk.haltAt=" + haltAt);
        }
        return ChildTolk.start(dir, jvm, argv.toArray(String[]::new));
    }

    private static String base(int i) {
        return "Base " + i + " AS";
    }

    /**
     * New work of every kind, on records of their own: two creates each way, two edits each way, and deletes both ways
     * of records the earlier rounds created (two in Zoho, propagated as archives; one in PowerOffice, propagated as a
     * delete). Then the simulators' write logs are emptied: what is checked from here are tolk's writes.
     */
    protected void pendingWork() {
        round++;
        Map<String, String> accounts = new HashMap<>();
        zoho.all("Accounts").forEach(a -> accounts.put(a.path("Account_Name").asText(), a.get("id").asText()));
        Map<String, Long> customers = new HashMap<>();
        po.customers().forEach(c -> customers.put(c.path("Name").asText(), c.get("Id").asLong()));
        for (int k = 0; k < 2 && !createdInZoho.isEmpty(); k++) {
            String name = createdInZoho.remove(0);
            zoho.delete("Accounts", accounts.get(name));
            companies.put(name, Fate.DELETED_IN_ZOHO);
        }
        if (!createdInPowerOffice.isEmpty()) {
            String name = createdInPowerOffice.remove(0);
            po.deleteCustomer(customers.get(name));
            companies.put(name, Fate.DELETED_IN_POWEROFFICE);
        }
        for (int k = 0; k < 2; k++) {
            String name = base(1 + (2 * round + k) % BASES);
            String phone = "9" + String.format("%07d", round * 10 + k);
            zoho.update("Accounts", accounts.get(name), Map.of("Phone", phone));
            phones.put(name, phone);
            String other = base(1 + (2 * round + k + BASES / 2) % BASES);
            String website = "https://r" + round + "k" + k + ".example.no";
            po.patchCustomer(customers.get(other), "/WebsiteUrl", website);
            websites.put(other, website);
        }
        for (int k = 1; k <= 2; k++) {
            newInZoho("R" + round + " Zoho " + k + " AS");
            String name = "R" + round + " PO " + k + " AS";
            companyInPowerOffice(name);
            companies.put(name, Fate.LIVE);
            createdInPowerOffice.add(name);
        }
        checkWritesFromNow();
    }

    private void newInZoho(String name) {
        zoho.create("Accounts", Map.of("Account_Name", name, "Billing_City", "Oslo", "Billing_Code", "0150",
                "Billing_Country", "NO"));
        companies.put(name, Fate.LIVE);
        createdInZoho.add(name);
    }

    private void checkWritesFromNow() {
        po.admin().resetWriteLog();
        zoho.admin().resetWriteLog();
        since = Instant.now();
    }

    /** {@code tolk sync --once --confirm-deletes} in this JVM until nothing is left to do (at most 4 runs). */
    protected List<String> converge() {
        List<String> problems = List.of();
        StringBuilder said = new StringBuilder();
        for (int run = 0; run < 4; run++) {
            Tolk.Result r = tolk.run("sync", "--once", "--confirm-deletes");
            said.append("run ").append(run + 1).append(": exit ").append(r.exitCode()).append('\n').append(r.all());
            problems = problems();
            if (problems.isEmpty() && r.exitCode() == 0) {
                return problems;
            }
        }
        List<String> out = new ArrayList<>(problems);
        out.add("tolk said:\n" + said);
        return out;
    }

    /**
     * After convergence: the four properties. {@code what} names the kill in the messages.
     */
    protected void checkTheFourProperties(String what) {
        List<String> problems = converge();
        assertThat(problems).as("after " + what + " and the runs after it: duplicates, missing records, lost edits or"
                + " missing links").isEmpty();
        List<JsonNode> zohoWrites = zoho.admin().writeLog().stream().filter(w -> !(w.path("op").asText().equals("update")
                && editedWhileRunning.contains(w.path("id").asText()))).toList();
        editedWhileRunning.clear();
        WriteLedger ledger = WriteLedger.of(dir.resolve("tolk.db"), since,
                Map.of("poweroffice", po.admin().writeLog(), "zoho", zohoWrites));
        assertThat(ledger.unrecorded()).as("after " + what + ": writes the simulators applied that tolk's history lacks")
                .isEmpty();
        assertThat(ledger.creates()).as("after " + what + ": creates the simulators applied").isPositive();
        assertThat(ledger.lockHolder()).as("after " + what + ": the cycle lock").isEmpty();
    }

    /** What is not as it must end; empty when the world has converged. */
    protected List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<JsonNode> customers = po.customers();
        List<JsonNode> accounts = zoho.all("Accounts");
        Map<String, List<JsonNode>> customersByName = group(customers, "Name");
        Map<String, List<JsonNode>> accountsByName = group(accounts, "Account_Name");
        companies.forEach((name, fate) -> {
            List<JsonNode> c = customersByName.getOrDefault(name, List.of());
            List<JsonNode> a = accountsByName.getOrDefault(name, List.of());
            int wantCustomers = fate == Fate.DELETED_IN_POWEROFFICE ? 0 : 1;
            int wantAccounts = fate == Fate.LIVE ? 1 : 0;
            if (c.size() != wantCustomers) {
                problems.add(c.size() + " PowerOffice customers named " + name + ", expected " + wantCustomers);
            }
            if (a.size() != wantAccounts) {
                problems.add(a.size() + " Zoho accounts named " + name + ", expected " + wantAccounts);
            }
            boolean archived = c.size() == 1 && c.get(0).path("IsArchived").asBoolean();
            if (c.size() == 1 && archived != (fate == Fate.DELETED_IN_ZOHO)) {
                problems.add(name + ": archived in PowerOffice is " + archived + ", expected " + !archived);
            }
        });
        if (customers.size() != companies.values().stream().filter(f -> f != Fate.DELETED_IN_POWEROFFICE).count()) {
            problems.add(customers.size() + " PowerOffice customers in all: " + customersByName.keySet());
        }
        phones.forEach((name, phone) -> {
            List<JsonNode> c = customersByName.getOrDefault(name, List.of());
            if (c.size() == 1 && !phone.equals(c.get(0).path("PhoneNumber").asText())) {
                problems.add(name + ": the Zoho phone edit " + phone + " has not reached PowerOffice");
            }
        });
        websites.forEach((name, website) -> {
            List<JsonNode> a = accountsByName.getOrDefault(name, List.of());
            if (a.size() == 1 && !website.equals(zoho.get("Accounts", a.get(0).get("id").asText()).path("Website").asText())) {
                problems.add(name + ": the PowerOffice website edit " + website + " has not reached Zoho");
            }
        });
        if (problems.isEmpty()) {
            problems.addAll(unlinked(customers, accounts));
        }
        return problems;
    }

    /** Every live customer and account linked, active, in an entity with its partner (the store read as another process). */
    private List<String> unlinked(List<JsonNode> customers, List<JsonNode> accounts) {
        List<String> problems = new ArrayList<>();
        try (JdbcStore store = JdbcStore.openReadOnly(StoreUrl.parse("sqlite:" + dir.resolve("tolk.db")), Clock.systemUTC())) {
            ConnectionStore db = store.connection("default");
            List<RecordRef> live = new ArrayList<>();
            customers.stream().filter(c -> !c.path("IsArchived").asBoolean())
                    .forEach(c -> live.add(new RecordRef("poweroffice", "CompanyCustomer", c.get("Id").asText())));
            accounts.forEach(a -> live.add(new RecordRef("zoho", "Accounts", a.get("id").asText())));
            Map<RecordRef, Link> links = db.links(live);
            for (RecordRef r : live) {
                Link l = links.get(r);
                if (l == null || l.state() != LinkState.ACTIVE) {
                    problems.add(r + ": " + (l == null ? "not linked" : "link " + l.state()));
                } else if (db.linksOf(l.entityId()).stream().noneMatch(o -> !o.ref().system().equals(r.system())
                        && o.state() == LinkState.ACTIVE)) {
                    problems.add(r + ": linked, but its entity has no active partner: " + db.linksOf(l.entityId()));
                }
            }
        }
        return problems;
    }

    private static Map<String, List<JsonNode>> group(List<JsonNode> records, String field) {
        Map<String, List<JsonNode>> out = new HashMap<>();
        records.forEach(r -> out.computeIfAbsent(r.path(field).asText(), k -> new ArrayList<>()).add(r));
        return out;
    }
}
