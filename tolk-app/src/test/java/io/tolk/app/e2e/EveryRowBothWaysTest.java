package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the spec's three tables, in both directions: a linked pair, one field edited on one side through the
 * vendor's API, one {@code tolk sync --once}, and the other side read back through its own API. Exactly one write
 * reaches the edited record's partner, and it changes nothing but the bound fields.
 */
class EveryRowBothWaysTest extends E2eBase {

    /** One table row: the PowerOffice property, the Zoho field, and the Zoho field it mirrors (fan-out), if any. */
    record Row(String flow, String poProperty, String zohoField, String zohoPartner, String poValue, String zohoValue) {
        String zohoModule() {
            return flow.equals("F3") ? "Contacts" : "Accounts";
        }

        String poPatchPath() {
            return "/" + poProperty.replace('.', '/');
        }

        @Override
        public String toString() {
            return flow + " " + poProperty + " ⇄ " + zohoField;
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // F1 — company customer ⇄ Account (values: what a user types on the PowerOffice side / on the Zoho side)
        rows.add(new Row("F1", "MailAddress.City", "Billing_City", "Shipping_City", "Trondheim", "Tromsø"));
        rows.add(new Row("F1", "MailAddress.City", "Shipping_City", "Billing_City", "Trondheim", "Tromsø"));
        rows.add(new Row("F1", "MailAddress.CountryCode", "Billing_Country", "Shipping_Country", "SE", "DK"));
        rows.add(new Row("F1", "MailAddress.CountryCode", "Shipping_Country", "Billing_Country", "SE", "DK"));
        rows.add(new Row("F1", "MailAddress.ZipCode", "Billing_Code", "Shipping_Code", "7010", "9008"));
        rows.add(new Row("F1", "MailAddress.ZipCode", "Shipping_Code", "Billing_Code", "7010", "9008"));
        rows.add(new Row("F1", "Name", "Account_Name", null, "Renamed in PowerOffice AS", "Renamed in Zoho AS"));
        rows.add(new Row("F1", "PhoneNumber", "Phone", null, "73001122", "77665544"));
        rows.add(new Row("F1", "WebsiteUrl", "Website", null, "https://po-edit.example.no", "https://crm-edit.example.no"));
        // F2 — department ⇄ Account
        rows.add(new Row("F2", "Name", "Account_Name", null, "Avdeling Nord", "Avdeling Sør"));
        // F3 — person customer ⇄ Contact
        rows.add(new Row("F3", "EmailAddress", "Email", "Secondary_Email", "kari.ny@example.no", "kari.crm@example.no"));
        rows.add(new Row("F3", "EmailAddress", "Secondary_Email", "Email", "kari.ny@example.no", "kari.crm@example.no"));
        rows.add(new Row("F3", "FirstName", "First_Name", null, "Karianne", "Kristin"));
        rows.add(new Row("F3", "LastName", "Last_Name", null, "Nordmann-Berg", "Hansen"));
        rows.add(new Row("F3", "MailAddress.City", "Mailing_City", "Other_City", "Stavanger", "Bodø"));
        rows.add(new Row("F3", "MailAddress.City", "Other_City", "Mailing_City", "Stavanger", "Bodø"));
        rows.add(new Row("F3", "MailAddress.CountryCode", "Mailing_Country", "Other_Country", "SE", "FI"));
        rows.add(new Row("F3", "MailAddress.CountryCode", "Other_Country", "Mailing_Country", "SE", "FI"));
        rows.add(new Row("F3", "MailAddress.ZipCode", "Mailing_Zip", "Other_Zip", "4006", "8006"));
        rows.add(new Row("F3", "MailAddress.ZipCode", "Other_Zip", "Mailing_Zip", "4006", "8006"));
        rows.add(new Row("F3", "PhoneNumber", "Other_Phone", "Phone", "90011223", "93344556"));
        rows.add(new Row("F3", "PhoneNumber", "Phone", "Other_Phone", "90011223", "93344556"));
        return rows;
    }

    static Stream<Arguments> editedInPowerOffice() {
        return rows().stream().map(r -> Arguments.of(r));
    }

    static Stream<Arguments> editedInZoho() {
        return rows().stream().map(r -> Arguments.of(r));
    }

    /** A linked pair for the row's flow: {PowerOffice id, Zoho id}. */
    private String[] linkedPair(Row row) {
        long poId;
        String zohoId;
        switch (row.flow()) {
            case "F1" -> {
                poId = companyInPowerOffice("Fjellvind AS");
                tolk.syncOk();
                zohoId = onlyZoho("Accounts", "Account_Name", "Fjellvind AS").get("id").asText();
            }
            case "F2" -> {
                poId = departmentInPowerOffice("20", "Avdeling Vest");
                tolk.syncOk();
                zohoId = onlyZoho("Accounts", "Account_Name", "Avdeling Vest").get("id").asText();
            }
            default -> {
                poId = personInPowerOffice("Kari", "Nordmann", "kari@example.no");
                tolk.syncOk();
                zohoId = onlyZoho("Contacts", "Email", "kari@example.no").get("id").asText();
            }
        }
        // A CRM user's own note on the record: not bound, so tolk must never touch it.
        zoho.update(row.zohoModule(), zohoId, Map.of("Description", "kept by the CRM user"));
        return new String[] {Long.toString(poId), zohoId};
    }

    private JsonNode poRecord(Row row, long id) {
        return row.flow().equals("F2") ? po.department(id) : po.customer(id);
    }

    @ParameterizedTest(name = "{0}: edited in PowerOffice reaches Zoho (both fan-out fields)")
    @MethodSource("editedInPowerOffice")
    void editedInPowerOfficeReachesZoho(Row row) {
        String[] pair = linkedPair(row);
        long poId = Long.parseLong(pair[0]);
        JsonNode zohoBefore = zoho.get(row.zohoModule(), pair[1]);
        resetCounters();

        if (row.flow().equals("F2")) {
            po.patchDepartment(poId, row.poPatchPath(), row.poValue());
        } else {
            po.patchCustomer(poId, row.poPatchPath(), row.poValue());
        }
        po.admin().resetCounters();
        tolk.syncOk();

        JsonNode after = zoho.get(row.zohoModule(), pair[1]);
        assertThat(after.path(row.zohoField()).asText(null)).as(row.zohoField()).isEqualTo(row.poValue());
        if (row.zohoPartner() != null) {
            assertThat(after.path(row.zohoPartner()).asText(null)).as(row.zohoPartner()).isEqualTo(row.poValue());
        }
        assertThat(zoho.admin().writes()).as("write calls to Zoho").isEqualTo(1);
        assertThat(zoho.admin().recordsWritten()).as("Zoho records written").isEqualTo(1);
        assertThat(po.admin().writes()).as("write calls to PowerOffice").isZero();
        assertThat(withoutFields(after, row.zohoField(), row.zohoPartner(), "Modified_Time"))
                .as("nothing but the bound fields changed")
                .isEqualTo(withoutFields(zohoBefore, row.zohoField(), row.zohoPartner(), "Modified_Time"));
    }

    @ParameterizedTest(name = "{0}: edited in Zoho ({0}) reaches PowerOffice")
    @MethodSource("editedInZoho")
    void editedInZohoReachesPowerOffice(Row row) {
        String[] pair = linkedPair(row);
        long poId = Long.parseLong(pair[0]);
        JsonNode poBefore = poRecord(row, poId);
        resetCounters();

        zoho.update(row.zohoModule(), pair[1], Map.of(row.zohoField(), row.zohoValue()));
        zoho.admin().resetCounters();
        tolk.syncOk();

        JsonNode after = poRecord(row, poId);
        assertThat(after.at(row.poPatchPath()).asText(null)).as(row.poProperty()).isEqualTo(row.zohoValue());
        assertThat(po.admin().writes()).as("write calls to PowerOffice").isEqualTo(1);
        assertThat(po.admin().recordsWritten()).as("PowerOffice records written").isEqualTo(1);
        JsonNode zohoAfter = zoho.get(row.zohoModule(), pair[1]);
        if (row.zohoPartner() != null) {
            // rule 1 fan-out: the mirror field follows the edited one, in one write
            assertThat(zohoAfter.path(row.zohoPartner()).asText(null)).as(row.zohoPartner()).isEqualTo(row.zohoValue());
            assertThat(zoho.admin().writes()).as("write calls to Zoho (the mirror field)").isEqualTo(1);
        } else {
            assertThat(zoho.admin().writes()).as("write calls to Zoho").isZero();
        }
        assertThat(zohoAfter.path("Description").asText()).isEqualTo("kept by the CRM user");
        assertThat(withoutPoChange(after, row)).as("nothing but the bound property changed in PowerOffice")
                .isEqualTo(withoutPoChange(poBefore, row));
    }

    static JsonNode withoutFields(JsonNode record, String... fields) {
        ObjectNode copy = record.deepCopy();
        for (String f : fields) {
            if (f != null) {
                copy.remove(f);
            }
        }
        return copy;
    }

    /** The PowerOffice record without the edited property and the change timestamps. */
    static JsonNode withoutPoChange(JsonNode record, Row row) {
        ObjectNode copy = record.deepCopy();
        copy.remove("LastChangedDateTimeOffset");
        if (row.flow().equals("F3")) {
            copy.remove("Name"); // PowerOffice derives a person's Name from FirstName and LastName
        }
        ObjectNode mail = copy.path("MailAddress").isObject() ? (ObjectNode) copy.get("MailAddress") : null;
        if (mail != null) {
            mail.remove("LastChangedDateTimeOffset");
        }
        String[] parts = row.poProperty().split("\\.");
        if (parts.length == 2 && mail != null) {
            mail.remove(parts[1]);
        } else {
            copy.remove(parts[0]);
        }
        return copy;
    }
}
