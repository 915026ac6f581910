package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-shape corpus ({@code src/test/resources/corpus/data-shapes.tsv}): one record per row, each with its
 * expected outcome next to it. All rows are loaded at once as fixtures (legacy data the APIs would refuse included) into
 * the system the row names, one cycle syncs them all, and then every row is checked on its own by reading the other
 * system back: the value the mapped field holds there, or a failure of that record alone whose reason names the row's
 * word (and no partner created). All rows are each other's neighbours: a failing row stops none of the others. A second
 * cycle must write nothing (no value flips between two spellings).
 *
 * <p>Each record is found on the other side by a marker the row does not touch, synced by two {@code add} pairs:
 * OrganizationNumber ⇄ Account_Number for companies, LegalName ⇄ Title for persons.
 */
class DataShapesTest extends E2eBase {

    private static final String FLOWS = """
            flows:
              F1:
                createInPoweroffice: true
                add:
                  - { property: organization.marker, poweroffice: OrganizationNumber, zoho: Account_Number }
              F3:
                createInPoweroffice: true
                add:
                  - { property: person.marker, poweroffice: LegalName, zoho: Title }
            """;

    /** The field of the other system a source field is read back from. */
    private static final Map<String, String> READ_BACK = Map.ofEntries(
            Map.entry("po-company/Name", "Account_Name"), Map.entry("po-company/PhoneNumber", "Phone"),
            Map.entry("po-company/WebsiteUrl", "Website"), Map.entry("po-company/MailAddress.City", "Billing_City"),
            Map.entry("po-company/MailAddress.ZipCode", "Billing_Code"),
            Map.entry("po-company/MailAddress.CountryCode", "Billing_Country"),
            Map.entry("po-person/FirstName", "First_Name"), Map.entry("po-person/LastName", "Last_Name"),
            Map.entry("po-person/EmailAddress", "Email"), Map.entry("po-person/PhoneNumber", "Phone"),
            Map.entry("po-person/MailAddress.City", "Mailing_City"),
            Map.entry("po-person/MailAddress.CountryCode", "Mailing_Country"),
            Map.entry("zoho-account/Account_Name", "Name"), Map.entry("zoho-account/Phone", "PhoneNumber"),
            Map.entry("zoho-account/Billing_City", "MailAddress.City"),
            Map.entry("zoho-account/Billing_Country", "MailAddress.CountryCode"),
            Map.entry("zoho-contact/First_Name", "FirstName"), Map.entry("zoho-contact/Last_Name", "LastName"),
            Map.entry("zoho-contact/Email", "EmailAddress"), Map.entry("zoho-contact/Mailing_Country", "MailAddress.CountryCode"));

    /** A Zoho field that has a twin written with the same value (the fixture sets both, as tolk does). */
    private static final Map<String, String> TWIN = Map.of("Billing_City", "Shipping_City", "Billing_Code", "Shipping_Code",
            "Billing_Country", "Shipping_Country", "Mailing_City", "Other_City", "Mailing_Country", "Other_Country",
            "Email", "Secondary_Email", "Phone", "Other_Phone");

    /** One row of the corpus. */
    record Shape(int line, String from, String field, String input, String expect, String what, String marker) {

        boolean fromPowerOffice() {
            return from.startsWith("po-");
        }

        boolean company() {
            return from.equals("po-company") || from.equals("zoho-account");
        }

        String name() {
            return "line " + line + ": " + from + " " + field + " — " + what;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyShapeSyncsToItsStatedValueOrFailsAloneWithItsReason() throws IOException {
        List<Shape> shapes = corpus();
        assertThat(shapes).as("the corpus holds at least 60 shapes").hasSizeGreaterThanOrEqualTo(60);
        writeConfig(FLOWS);
        Map<Shape, String> ids = load(shapes);

        Tolk.Result first = tolk.sync();
        assertThat(first.exitCode()).as("a run with failing records exits 1\n" + first.all()).isEqualTo(1);
        assertThat(first.all()).as("no stack trace").doesNotContain("\tat ").doesNotContain("internal error");
        String failures = tolk.run("failures").out();
        resetCounters();
        Tolk.Result second = tolk.sync();
        long[] secondWrites = writes();

        Map<String, JsonNode> poByMarker = new HashMap<>();
        po.customers().forEach(c -> poByMarker.put(c.path(c.path("IsPerson").asBoolean() ? "LegalName"
                : "OrganizationNumber").asText(), c));
        Map<String, JsonNode> zohoByMarker = new HashMap<>();
        zoho.all("Accounts").forEach(a -> zohoByMarker.put(a.path("Account_Number").asText(), a));
        zoho.all("Contacts").forEach(c -> zohoByMarker.put(c.path("Title").asText(), c));

        Stream<DynamicTest> perShape = shapes.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            JsonNode partner = s.fromPowerOffice() ? zohoByMarker.get(s.marker()) : poByMarker.get(s.marker());
            String ref = (s.fromPowerOffice() ? "poweroffice/" + (s.company() ? "CompanyCustomer/" : "PersonCustomer/")
                    : "zoho/" + (s.company() ? "Accounts/" : "Contacts/")) + ids.get(s);
            String failureLine = failureOf(failures, ref);
            if (s.expect().startsWith("fail:")) {
                String word = s.expect().substring(5).trim();
                assertThat(failureLine).as(s.name() + ": fails with a reason naming " + word + "\n" + failures).isNotNull()
                        .containsIgnoringCase(word);
                assertThat(partner).as(s.name() + ": nothing created on the other side").isNull();
                return;
            }
            assertThat(failureLine).as(s.name() + ": does not fail").isNull();
            assertThat(partner).as(s.name() + ": synced to the other side").isNotNull();
            String target = READ_BACK.get(s.from() + "/" + s.field());
            JsonNode value = s.fromPowerOffice() ? partner.path(target) : poPath(partner, target);
            if (s.expect().equals("absent")) {
                assertThat(value.isMissingNode() || value.isNull() || value.asText().isEmpty())
                        .as(s.name() + ": empty on the other side, found '" + value + "'").isTrue();
            } else {
                assertThat(value.asText(null)).as(s.name() + ": the value read back").isEqualTo(decode(s.expect().substring(1).trim()));
            }
        }));
        Stream<DynamicTest> stable = Stream.of(DynamicTest.dynamicTest("a second cycle writes nothing", () -> {
            // the failed records are due again only after their retry delay, so this cycle tries none of them
            assertThat(second.exitCode()).as(second.all()).isZero();
            assertThat(secondWrites).as("writes of the second cycle {poweroffice, zoho}\n" + second.all()).containsExactly(0, 0);
        }));
        return Stream.concat(perShape, stable);
    }

    private static JsonNode poPath(JsonNode customer, String path) {
        JsonNode n = customer;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    /** The line of {@code tolk failures} about this record (its reason follows the ref), or null. */
    private static String failureOf(String failures, String ref) {
        for (String line : failures.split("\\R")) {
            if (line.contains(ref + " ")) {
                return line;
            }
        }
        return null;
    }

    private Map<Shape, String> load(List<Shape> shapes) {
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Shape> customerShapes = new ArrayList<>();
        List<Map<String, Object>> accounts = new ArrayList<>();
        List<Shape> accountShapes = new ArrayList<>();
        List<Map<String, Object>> contacts = new ArrayList<>();
        List<Shape> contactShapes = new ArrayList<>();
        for (Shape s : shapes) {
            Object value = value(s.input());
            int n = s.line();
            switch (s.from()) {
                case "po-company" -> {
                    Map<String, Object> address = new LinkedHashMap<>(Map.of("City", "Oslo", "ZipCode", "0150", "CountryCode", "NO"));
                    Map<String, Object> c = new LinkedHashMap<>(Map.of("IsPerson", false, "Name", "Shape " + n + " AS",
                            "OrganizationNumber", s.marker(), "PhoneNumber", "22000" + n, "MailAddress", address));
                    put(c, address, s.field(), value);
                    customers.add(c);
                    customerShapes.add(s);
                }
                case "po-person" -> {
                    Map<String, Object> address = new LinkedHashMap<>(Map.of("City", "Bergen", "ZipCode", "5003", "CountryCode", "NO"));
                    Map<String, Object> c = new LinkedHashMap<>(Map.of("IsPerson", true, "FirstName", "Kari",
                            "LastName", "Shape " + n, "EmailAddress", "shape" + n + "@example.no", "LegalName", s.marker(),
                            "PhoneNumber", "41000" + n, "MailAddress", address));
                    put(c, address, s.field(), value);
                    customers.add(c);
                    customerShapes.add(s);
                }
                case "zoho-account" -> {
                    Map<String, Object> a = new LinkedHashMap<>(Map.of("Account_Name", "Zoho Shape " + n + " AS",
                            "Account_Number", s.marker(), "Billing_City", "Oslo", "Shipping_City", "Oslo", "Billing_Code", "0150",
                            "Shipping_Code", "0150", "Billing_Country", "NO", "Shipping_Country", "NO"));
                    putZoho(a, s.field(), value);
                    accounts.add(a);
                    accountShapes.add(s);
                }
                case "zoho-contact" -> {
                    Map<String, Object> c = new LinkedHashMap<>(Map.of("First_Name", "Ola", "Last_Name", "Zoho Shape " + n,
                            "Email", "zshape" + n + "@example.no", "Title", s.marker(), "Mailing_City", "Bergen",
                            "Other_City", "Bergen", "Mailing_Zip", "5003", "Other_Zip", "5003", "Mailing_Country", "NO"));
                    c.put("Other_Country", "NO");
                    putZoho(c, s.field(), value);
                    contacts.add(c);
                    contactShapes.add(s);
                }
                default -> throw new AssertionError("line " + s.line() + ": unknown 'from' " + s.from());
            }
        }
        Map<Shape, String> ids = new HashMap<>();
        JsonNode poIds = po.admin().loadFixtures(Map.of("customers", customers)).get("customers");
        for (int i = 0; i < customerShapes.size(); i++) {
            ids.put(customerShapes.get(i), poIds.get(i).asText());
        }
        JsonNode zohoIds = zoho.admin().loadFixtures(Map.of("Accounts", accounts, "Contacts", contacts));
        for (int i = 0; i < accountShapes.size(); i++) {
            ids.put(accountShapes.get(i), zohoIds.get("Accounts").get(i).asText());
        }
        for (int i = 0; i < contactShapes.size(); i++) {
            ids.put(contactShapes.get(i), zohoIds.get("Contacts").get(i).asText());
        }
        return ids;
    }

    private static void put(Map<String, Object> record, Map<String, Object> address, String field, Object value) {
        if (field.startsWith("MailAddress.")) {
            address.put(field.substring("MailAddress.".length()), value);
        } else {
            record.put(field, value);
        }
    }

    private static void putZoho(Map<String, Object> record, String field, Object value) {
        record.put(field, value);
        if (TWIN.containsKey(field)) {
            record.put(TWIN.get(field), value);
        }
    }

    /** The corpus's value notation: {@code <null>}, {@code <empty>}, {@code {c*N}} and escapes. */
    private static Object value(String input) {
        if (input.equals("<null>")) {
            return null;
        }
        return input.equals("<empty>") ? "" : decode(input);
    }

    private static final Pattern REPEAT = Pattern.compile("\\{(.)\\*(\\d+)}");
    private static final Pattern UNICODE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");

    static String decode(String text) {
        Matcher r = REPEAT.matcher(text);
        StringBuilder b = new StringBuilder();
        while (r.find()) {
            r.appendReplacement(b, Matcher.quoteReplacement(r.group(1).repeat(Integer.parseInt(r.group(2)))));
        }
        r.appendTail(b);
        Matcher u = UNICODE.matcher(b.toString().replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t"));
        StringBuilder out = new StringBuilder();
        while (u.find()) {
            u.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(u.group(1), 16))));
        }
        u.appendTail(out);
        return out.toString();
    }

    private static List<Shape> corpus() throws IOException {
        List<Shape> shapes = new ArrayList<>();
        try (InputStream in = DataShapesTest.class.getResourceAsStream("/corpus/data-shapes.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] f = lines[i].split("\t", -1);
                if (f.length != 5) {
                    throw new AssertionError("data-shapes.tsv line " + (i + 1) + " has " + f.length + " columns, not 5");
                }
                int line = i + 1;
                String marker = f[0].endsWith("company") || f[0].endsWith("account") ? String.valueOf(910000000 + line)
                        : "shape-" + line;
                shapes.add(new Shape(line, f[0], f[1], f[2], f[3], f[4], marker));
            }
        }
        return shapes;
    }
}
