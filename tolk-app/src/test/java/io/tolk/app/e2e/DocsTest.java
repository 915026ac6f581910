package io.tolk.app.e2e;

import io.tolk.engine.docs.DocsParser;
import io.tolk.engine.docs.DocsRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tolk docs} says exactly what the spec's tables say, and what tolk.yaml adds, and what it says is what syncs. */
class DocsTest extends E2eBase {

    /** The spec's three tables, written out here from the requirement (dataflow.md). */
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
