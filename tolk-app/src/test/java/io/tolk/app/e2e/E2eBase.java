package io.tolk.app.e2e;

import io.tolk.sim.common.Faults;
import io.tolk.sim.common.SimOptions;
import io.tolk.sim.poweroffice.PowerOfficeSimulator;
import io.tolk.sim.zoho.ZohoSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One PowerOffice simulator and one Zoho simulator per test class (empty, limits off unless a subclass says otherwise),
 * both emptied before every test; every test gets its own directory with a tolk.yaml pointing at them and its own
 * SQLite store, and drives tolk only through its command line ({@link Tolk}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class E2eBase {

    protected PowerOfficeSimulator poSim;
    protected ZohoSimulator zohoSim;
    protected PowerOfficeUser po;
    protected ZohoUser zoho;
    protected Tolk tolk;
    protected Path dir;
    protected Path configFile;
    /** Where tolk.yaml points tolk's Zoho connector (the simulator, unless a test puts a proxy in between). */
    protected String zohoUrl;
    /** Further lines of the {@code zoho:} section (each indented two spaces, ending in a newline), e.g. externalIdField. */
    protected String zohoExtra = "";
    /** Further lines of the {@code poweroffice:} section (each indented two spaces, ending in a newline). */
    protected String powerofficeExtra = "";

    /** Whether the simulators enforce the vendors' rate and credit limits (off: fast tests). */
    protected boolean limits() {
        return false;
    }

    @BeforeAll
    void startSimulators() {
        SimOptions options = SimOptions.defaults().withPort(0).withRecords(0).withNoLimits(!limits()).withFaults(Faults.NONE);
        poSim = PowerOfficeSimulator.start(options);
        zohoSim = ZohoSimulator.start(SimOptions.defaults().withPort(0).withRecords(0).withNoLimits(!limits())
                .withFaults(Faults.NONE));
        po = new PowerOfficeUser(poSim.baseUrl());
        zoho = new ZohoUser(zohoSim.baseUrl());
    }

    @AfterAll
    void stopSimulators() {
        if (poSim != null) {
            poSim.close();
        }
        if (zohoSim != null) {
            zohoSim.close();
        }
    }

    /**
     * Whether all tests of the class share one world (simulator data and store) set up once, instead of an empty one per
     * test: for classes whose tests each work on their own records (faster; a test then must leave no pending work).
     */
    protected boolean oneWorldPerClass() {
        return false;
    }

    private Path classDir;

    @BeforeEach
    void freshWorld(@TempDir Path tempDir) throws IOException {
        if (oneWorldPerClass()) {
            if (classDir == null) {
                classDir = Files.createTempDirectory("tolk-e2e");
                emptyWorld(classDir);
            }
            return;
        }
        emptyWorld(tempDir);
    }

    @AfterAll
    void deleteClassDir() throws IOException {
        if (classDir != null) {
            try (var files = Files.walk(classDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void emptyWorld(Path tempDir) {
        po.admin().reset();
        zoho.admin().reset();
        po.admin().setFaults("");
        zoho.admin().setFaults("");
        po.admin().resetCounters();
        zoho.admin().resetCounters();
        po.forgetToken();
        zohoUrl = zohoSim.baseUrl();
        zohoExtra = "";
        powerofficeExtra = "";
        dir = tempDir;
        configFile = writeConfig("");
        tolk = new Tolk(dir, configFile);
    }

    /** Writes tolk.yaml with the standard connection and {@code extra} appended (top-level YAML). */
    protected Path writeConfig(String extra) {
        return writeConfig(syncSection(Map.of()), extra);
    }

    protected Path writeConfig(String syncSection, String extra) {
        String yaml = "store: sqlite:" + dir.resolve("tolk.db") + "\n"
                + "poweroffice:\n"
                + "  apiUrl: " + poSim.apiUrl() + "\n"
                + "  tokenUrl: " + poSim.tokenUrl() + "\n"
                + "  applicationKey: demo-app\n"
                + "  clientKey: demo-client\n"
                + "  subscriptionKey: demo-sub\n"
                + powerofficeExtra
                + "zoho:\n"
                + "  apiDomain: " + zohoUrl + "\n"
                + "  accountsUrl: " + zohoUrl + "\n"
                + "  clientId: demo-client\n"
                + "  clientSecret: demo-secret\n"
                + "  refreshToken: demo-refresh\n"
                + zohoExtra
                + syncSection
                + extra;
        Path file = dir.resolve("tolk.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configFile = file;
        tolk = new Tolk(dir, file);
        return file;
    }

    /** A {@code sync:} section with the given settings over the defaults. */
    protected static String syncSection(Map<String, String> settings) {
        StringBuilder b = new StringBuilder("sync:\n  interval: 5m\n");
        settings.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    // ------------------------------------------------------------------ records people create

    protected long companyInPowerOffice(String name) {
        return po.createCustomer(Map.of(
                "Name", name,
                "IsPerson", false,
                "OrganizationNumber", "912345678",
                "PhoneNumber", "22334455",
                "WebsiteUrl", "https://" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example.no",
                "EmailAddress", "post@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example.no",
                "MailAddress", Map.of("AddressLine1", "Storgata 1", "City", "Oslo", "ZipCode", "0150", "CountryCode", "NO")));
    }

    protected long personInPowerOffice(String first, String last, String email) {
        return po.createCustomer(Map.of(
                "IsPerson", true,
                "FirstName", first,
                "LastName", last,
                "EmailAddress", email,
                "PhoneNumber", "41234567",
                "MailAddress", Map.of("AddressLine1", "Elvegata 2", "City", "Bergen", "ZipCode", "5003", "CountryCode", "NO")));
    }

    protected long departmentInPowerOffice(String code, String name) {
        return po.createDepartment(Map.of("Code", code, "Name", name, "IsActive", true));
    }

    /** The Zoho record with this value in this field (exactly one), or an AssertionError. */
    protected com.fasterxml.jackson.databind.JsonNode onlyZoho(String module, String field, String value) {
        List<com.fasterxml.jackson.databind.JsonNode> hits = zoho.all(module).stream()
                .filter(r -> value.equals(r.path(field).asText(null))).toList();
        if (hits.size() != 1) {
            throw new AssertionError("expected exactly one Zoho " + module + " with " + field + " = '" + value + "', found "
                    + hits.size() + ": " + zoho.all(module));
        }
        return hits.get(0);
    }

    /** Server-side write calls of both simulators since the last reset: {poweroffice, zoho}. */
    protected long[] writes() {
        return new long[] {po.admin().writes(), zoho.admin().writes()};
    }

    /**
     * Pins both simulators' clocks at the same whole second, a minute ahead of both (time never goes backwards for
     * them), and returns it.
     */
    protected java.time.Instant pinClocks() {
        java.time.Instant a = po.admin().now();
        java.time.Instant b = zoho.admin().now();
        java.time.Instant base = (a.isAfter(b) ? a : b).plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        po.admin().setClock(base);
        zoho.admin().setClock(base);
        return base;
    }

    @org.junit.jupiter.api.AfterEach
    void releaseClocks() {
        po.admin().releaseClock();
        zoho.admin().releaseClock();
    }

    /**
     * The id of the conflict whose entry in {@code tolk conflicts} shows this losing value: the id ({@code #12} or
     * {@code 12} at the start of a line) nearest above the first line that names the value.
     */
    protected long conflictIdShowing(String conflictsOutput, String value) {
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("^\\s*#?(\\d+)\\b");
        Long last = null;
        for (String line : conflictsOutput.split("\\R")) {
            java.util.regex.Matcher m = id.matcher(line);
            if (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            if (line.contains(value) && last != null) {
                return last;
            }
        }
        throw new AssertionError("no conflict entry with '" + value + "' and an id in:\n" + conflictsOutput);
    }

    /**
     * Both systems in full, as one canonical JSON text: every customer and department (PowerOffice list GETs) and
     * every Account and Contact with all their fields (one Zoho GET each), records in id order, keys sorted.
     */
    protected String systemsDump() {
        com.fasterxml.jackson.databind.node.ObjectNode all = VendorHttp.JSON.createObjectNode();
        all.set("poweroffice/customers", sortedById(po.customers(), "Id"));
        all.set("poweroffice/departments", sortedById(po.departments(), "Id"));
        all.set("zoho/Accounts", sortedById(zoho.dump("Accounts"), "id"));
        all.set("zoho/Contacts", sortedById(zoho.dump("Contacts"), "id"));
        try {
            return VendorHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(canonical(all));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode sortedById(
            List<com.fasterxml.jackson.databind.JsonNode> records, String idField) {
        com.fasterxml.jackson.databind.node.ArrayNode out = VendorHttp.JSON.createArrayNode();
        records.stream().sorted(java.util.Comparator.comparing(r -> r.path(idField).asText())).forEach(out::add);
        return out;
    }

    /** The same JSON with every object's keys in sorted order. */
    static com.fasterxml.jackson.databind.JsonNode canonical(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode out = VendorHttp.JSON.createObjectNode();
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            names.forEach(n -> out.set(n, canonical(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = VendorHttp.JSON.createArrayNode();
            node.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return node;
    }

    /** SHA-256 of each SQLite store file in the test's directory ({@code absent} where there is none). */
    protected Map<String, String> storeFiles() {
        Map<String, String> hashes = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"tolk.db", "tolk.db-wal", "tolk.db-shm", "tolk.db-journal"}) {
            Path f = dir.resolve(name);
            try {
                hashes.put(name, Files.exists(f)
                        ? java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f)))
                        : "absent");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return hashes;
    }

    protected void resetCounters() {
        po.admin().resetCounters();
        zoho.admin().resetCounters();
    }
}
