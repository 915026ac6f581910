package io.tolk.app.e2e;

import io.tolk.app.docs.DocsParser;
import io.tolk.app.docs.DocsRow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** {@code tolk docs} says exactly what the spec's tables say, and what tolk.yaml adds, and what it says is what syncs. */
class DocsTest extends E2eBase {

    /**
     * The spec's three tables, written out here from the requirement (dataflow.md), so the docs are checked even where
     * the file is absent; {@link #theHandCopiedTablesEqualTheSpecFile} keeps this copy honest.
     */
    static List<DocsRow> specTables() {
        List<DocsRow> rows = new ArrayList<>();
        String[][] f1 = {
                {"MailAddress.City", "Billing_City"}, {"MailAddress.City", "Shipping_City"},
                {"MailAddress.CountryCode", "Billing_Country"}, {"MailAddress.CountryCode", "Shipping_Country"},
                {"MailAddress.ZipCode", "Billing_Code"}, {"MailAddress.ZipCode", "Shipping_Code"},
                {"Name", "Account_Name"}, {"PhoneNumber", "Phone"}, {"WebsiteUrl", "Website"}};
        String[][] f2 = {{"Name", "Account_Name"}};
        String[][] f3 = {
                {"EmailAddress", "Email"}, {"EmailAddress", "Secondary_Email"}, {"FirstName", "First_Name"},
                {"LastName", "Last_Name"}, {"MailAddress.City", "Mailing_City"}, {"MailAddress.City", "Other_City"},
                {"MailAddress.CountryCode", "Mailing_Country"}, {"MailAddress.CountryCode", "Other_Country"},
                {"MailAddress.ZipCode", "Mailing_Zip"}, {"MailAddress.ZipCode", "Other_Zip"},
                {"PhoneNumber", "Other_Phone"}, {"PhoneNumber", "Phone"}};
        for (String[] r : f1) {
            rows.add(new DocsRow("F1", r[0], r[1], "string"));
        }
        for (String[] r : f2) {
            rows.add(new DocsRow("F2", r[0], r[1], "string"));
        }
        for (String[] r : f3) {
            rows.add(new DocsRow("F3", r[0], r[1], "string"));
        }
        return rows;
    }

    /**
     * The requirement file, {@code spec/dataflow.md} beside the contracts folder that the contract tests read
     * ({@code tolk.contracts.dir}, set by the root pom to {@code ../shared/contracts} from the project root; without
     * it {@code ../../shared/contracts} from this module). Absent: the calling test is skipped saying why, unless
     * {@code tolk.contracts.required} is true (CI), when it fails.
     */
    static Path specFile() {
        String configured = System.getProperty("tolk.contracts.dir");
        Path contracts = configured == null || configured.isBlank() || configured.contains("${")
                ? Path.of("../../shared/contracts") : Path.of(configured);
        Path file = contracts.toAbsolutePath().normalize().resolveSibling("spec").resolve("dataflow.md");
        if (!Files.isRegularFile(file)) {
            String why = "the requirement " + file + " is not there (it is found beside tolk.contracts.dir)";
            if ("true".equalsIgnoreCase(System.getProperty("tolk.contracts.required"))) {
                fail(why + "; tolk.contracts.required=true, so this test may not be skipped");
            }
            Assumptions.abort(why + "; docs-against-the-spec test skipped");
        }
        return file;
    }

    private static final Pattern FLOW_HEADING = Pattern.compile("^###\\s+(F\\d+)\\b.*$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|\\s*$");

    /**
     * The three tables of the spec file: under each {@code ### F1 ...} heading, the rows of the table that follows
     * (header and separator rows left out; backticks and spaces trimmed).
     */
    static List<DocsRow> tablesOf(String markdown) {
        List<DocsRow> rows = new ArrayList<>();
        String flow = null;
        boolean header = false;
        for (String line : markdown.split("\\R")) {
            Matcher heading = FLOW_HEADING.matcher(line.strip());
            if (heading.matches()) {
                flow = heading.group(1);
                header = true;
                continue;
            }
            if (line.startsWith("#")) {
                flow = null;
                continue;
            }
            Matcher row = TABLE_ROW.matcher(line.strip());
            if (flow == null || !row.matches()) {
                continue;
            }
            String po = cell(row.group(1));
            String zohoField = cell(row.group(2));
            String type = cell(row.group(3));
            if (header) {
                header = false; // the column titles
                continue;
            }
            if (po.matches("-+")) {
                continue; // the separator
            }
            rows.add(new DocsRow(flow, po, zohoField, type));
        }
        return rows;
    }

    private static String cell(String text) {
        return text.replace("`", "").strip();
    }

    @Test
    void docsParsedBackEqualTheTablesOfTheSpecFile() throws IOException {
        List<DocsRow> spec = tablesOf(Files.readString(specFile()));
        assertThat(spec).as("rows read from " + specFile()).hasSize(22);
        assertThat(spec.stream().map(DocsRow::flowId).distinct()).containsExactly("F1", "F2", "F3");

        Tolk.Result docs = tolk.run("docs").expectExit(0);

        assertThat(DocsParser.parseMarkdown(docs.out())).as("tolk docs against " + specFile())
                .containsExactlyInAnyOrderElementsOf(spec);
    }

    @Test
    void theHandCopiedTablesEqualTheSpecFile() throws IOException {
        assertThat(specTables()).containsExactlyInAnyOrderElementsOf(tablesOf(Files.readString(specFile())));
    }

    @Test
    void docsParsedBackEqualTheSpecTables() {
        Tolk.Result docs = tolk.run("docs").expectExit(0);

        assertThat(DocsParser.parseMarkdown(docs.out())).containsExactlyInAnyOrderElementsOf(specTables());
    }

    @Test
    void addedPropertyPairAppearsInDocsAndSyncs() {
        writeConfig("flows:\n  F1:\n    add:\n      - property: organization.orgNumber\n"
                + "        poweroffice: OrganizationNumber\n        zoho: Account_Number\n");
        List<DocsRow> expected = new ArrayList<>(specTables());
        expected.add(new DocsRow("F1", "OrganizationNumber", "Account_Number", "string"));

        Tolk.Result docs = tolk.run("docs").expectExit(0);
        assertThat(DocsParser.parseMarkdown(docs.out())).containsExactlyInAnyOrderElementsOf(expected);

        long company = companyInPowerOffice("Fjellvind AS"); // OrganizationNumber 912345678
        tolk.syncOk();
        String account = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
        assertThat(zoho.get("Accounts", account).path("Account_Number").asText()).isEqualTo("912345678");

        po.patchCustomer(company, "/OrganizationNumber", "987654321");
        tolk.syncOk();
        assertThat(zoho.get("Accounts", account).path("Account_Number").asText()).isEqualTo("987654321");

        zoho.update("Accounts", account, java.util.Map.of("Account_Number", "923456789"));
        tolk.syncOk();
        assertThat(po.customer(company).path("OrganizationNumber").asText()).isEqualTo("923456789");
    }
}
