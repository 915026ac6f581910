package io.tolk.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    // ---------------------------------------------------------------- one test per row and direction (44)

    @Test
    void companyCustomerCityEditedInPowerOfficeReachesBillingCityAndShippingCity() {
        editedInPowerOfficeReachesZoho(row("F1", "MailAddress.City", "Billing_City"));
    }

    @Test
    void companyCustomerCityEditedInZohoBillingCityReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "MailAddress.City", "Billing_City"));
    }

    @Test
    void companyCustomerCityEditedInPowerOfficeReachesShippingCityAndBillingCity() {
        editedInPowerOfficeReachesZoho(row("F1", "MailAddress.City", "Shipping_City"));
    }

    @Test
    void companyCustomerCityEditedInZohoShippingCityReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "MailAddress.City", "Shipping_City"));
    }

    @Test
    void companyCustomerCountryCodeEditedInPowerOfficeReachesBillingCountryAndShippingCountry() {
        editedInPowerOfficeReachesZoho(row("F1", "MailAddress.CountryCode", "Billing_Country"));
    }

    @Test
    void companyCustomerCountryCodeEditedInZohoBillingCountryReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "MailAddress.CountryCode", "Billing_Country"));
    }

    @Test
    void companyCustomerCountryCodeEditedInPowerOfficeReachesShippingCountryAndBillingCountry() {
        editedInPowerOfficeReachesZoho(row("F1", "MailAddress.CountryCode", "Shipping_Country"));
    }

    @Test
    void companyCustomerCountryCodeEditedInZohoShippingCountryReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "MailAddress.CountryCode", "Shipping_Country"));
    }

    @Test
    void companyCustomerZipCodeEditedInPowerOfficeReachesBillingCodeAndShippingCode() {
        editedInPowerOfficeReachesZoho(row("F1", "MailAddress.ZipCode", "Billing_Code"));
    }

    @Test
    void companyCustomerZipCodeEditedInZohoBillingCodeReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "MailAddress.ZipCode", "Billing_Code"));
    }

    @Test
    void companyCustomerZipCodeEditedInPowerOfficeReachesShippingCodeAndBillingCode() {
        editedInPowerOfficeReachesZoho(row("F1", "MailAddress.ZipCode", "Shipping_Code"));
    }

    @Test
    void companyCustomerZipCodeEditedInZohoShippingCodeReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "MailAddress.ZipCode", "Shipping_Code"));
    }

    @Test
    void companyCustomerNameEditedInPowerOfficeReachesAccountName() {
        editedInPowerOfficeReachesZoho(row("F1", "Name", "Account_Name"));
    }

    @Test
    void companyCustomerNameEditedInZohoAccountNameReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "Name", "Account_Name"));
    }

    @Test
    void companyCustomerPhoneNumberEditedInPowerOfficeReachesPhone() {
        editedInPowerOfficeReachesZoho(row("F1", "PhoneNumber", "Phone"));
    }

    @Test
    void companyCustomerPhoneNumberEditedInZohoPhoneReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "PhoneNumber", "Phone"));
    }

    @Test
    void companyCustomerWebsiteUrlEditedInPowerOfficeReachesWebsite() {
        editedInPowerOfficeReachesZoho(row("F1", "WebsiteUrl", "Website"));
    }

    @Test
    void companyCustomerWebsiteUrlEditedInZohoWebsiteReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F1", "WebsiteUrl", "Website"));
    }

    @Test
    void departmentNameEditedInPowerOfficeReachesAccountName() {
        editedInPowerOfficeReachesZoho(row("F2", "Name", "Account_Name"));
    }

    @Test
    void departmentNameEditedInZohoAccountNameReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F2", "Name", "Account_Name"));
    }

    @Test
    void personCustomerEmailAddressEditedInPowerOfficeReachesEmailAndSecondaryEmail() {
        editedInPowerOfficeReachesZoho(row("F3", "EmailAddress", "Email"));
    }

    @Test
    void personCustomerEmailAddressEditedInZohoEmailReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "EmailAddress", "Email"));
    }

    @Test
    void personCustomerEmailAddressEditedInPowerOfficeReachesSecondaryEmailAndEmail() {
        editedInPowerOfficeReachesZoho(row("F3", "EmailAddress", "Secondary_Email"));
    }

    @Test
    void personCustomerEmailAddressEditedInZohoSecondaryEmailReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "EmailAddress", "Secondary_Email"));
    }

    @Test
    void personCustomerFirstNameEditedInPowerOfficeReachesFirstName() {
        editedInPowerOfficeReachesZoho(row("F3", "FirstName", "First_Name"));
    }

    @Test
    void personCustomerFirstNameEditedInZohoFirstNameReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "FirstName", "First_Name"));
    }

    @Test
    void personCustomerLastNameEditedInPowerOfficeReachesLastName() {
        editedInPowerOfficeReachesZoho(row("F3", "LastName", "Last_Name"));
    }

    @Test
    void personCustomerLastNameEditedInZohoLastNameReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "LastName", "Last_Name"));
    }

    @Test
    void personCustomerCityEditedInPowerOfficeReachesMailingCityAndOtherCity() {
        editedInPowerOfficeReachesZoho(row("F3", "MailAddress.City", "Mailing_City"));
    }

    @Test
    void personCustomerCityEditedInZohoMailingCityReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "MailAddress.City", "Mailing_City"));
    }

    @Test
    void personCustomerCityEditedInPowerOfficeReachesOtherCityAndMailingCity() {
        editedInPowerOfficeReachesZoho(row("F3", "MailAddress.City", "Other_City"));
    }

    @Test
    void personCustomerCityEditedInZohoOtherCityReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "MailAddress.City", "Other_City"));
    }

    @Test
    void personCustomerCountryCodeEditedInPowerOfficeReachesMailingCountryAndOtherCountry() {
        editedInPowerOfficeReachesZoho(row("F3", "MailAddress.CountryCode", "Mailing_Country"));
    }

    @Test
    void personCustomerCountryCodeEditedInZohoMailingCountryReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "MailAddress.CountryCode", "Mailing_Country"));
    }

    @Test
    void personCustomerCountryCodeEditedInPowerOfficeReachesOtherCountryAndMailingCountry() {
        editedInPowerOfficeReachesZoho(row("F3", "MailAddress.CountryCode", "Other_Country"));
    }

    @Test
    void personCustomerCountryCodeEditedInZohoOtherCountryReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "MailAddress.CountryCode", "Other_Country"));
    }

    @Test
    void personCustomerZipCodeEditedInPowerOfficeReachesMailingZipAndOtherZip() {
        editedInPowerOfficeReachesZoho(row("F3", "MailAddress.ZipCode", "Mailing_Zip"));
    }

    @Test
    void personCustomerZipCodeEditedInZohoMailingZipReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "MailAddress.ZipCode", "Mailing_Zip"));
    }

    @Test
    void personCustomerZipCodeEditedInPowerOfficeReachesOtherZipAndMailingZip() {
        editedInPowerOfficeReachesZoho(row("F3", "MailAddress.ZipCode", "Other_Zip"));
    }

    @Test
    void personCustomerZipCodeEditedInZohoOtherZipReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "MailAddress.ZipCode", "Other_Zip"));
    }

    @Test
    void personCustomerPhoneNumberEditedInPowerOfficeReachesOtherPhoneAndPhone() {
        editedInPowerOfficeReachesZoho(row("F3", "PhoneNumber", "Other_Phone"));
    }

    @Test
    void personCustomerPhoneNumberEditedInZohoOtherPhoneReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "PhoneNumber", "Other_Phone"));
    }

    @Test
    void personCustomerPhoneNumberEditedInPowerOfficeReachesPhoneAndOtherPhone() {
        editedInPowerOfficeReachesZoho(row("F3", "PhoneNumber", "Phone"));
    }

    @Test
    void personCustomerPhoneNumberEditedInZohoPhoneReachesPowerOffice() {
        editedInZohoReachesPowerOffice(row("F3", "PhoneNumber", "Phone"));
    }

    static Row row(String flow, String poProperty, String zohoField) {
        return rows().stream().filter(r -> r.flow().equals(flow) && r.poProperty().equals(poProperty)
                && r.zohoField().equals(zohoField)).findFirst().orElseThrow();
    }

    /**
     * Rule 7 over every row: a linked pair of its own per row and direction (not shared with the other tests), every
     * row edited at once (22 in PowerOffice, 22 in Zoho), one cycle applies them all, and the next cycle writes nothing.
     */
    @Test
    void afterEveryRowWasEditedAnIdleCycleWritesNothing() {
        List<Object[]> mine = new ArrayList<>(); // {row, editedIn, PowerOffice id}
        int n = 0;
        for (Row row : rows()) {
            for (String editedIn : List.of("po", "zoho")) {
                n++;
                long id = switch (row.flow()) {
                    case "F1" -> companyInPowerOffice("Stille " + n + " AS");
                    case "F2" -> departmentInPowerOffice("S" + n, "Stille avdeling " + n);
                    default -> personInPowerOffice("Siri", "Stille", "siri." + n + "@example.no");
                };
                mine.add(new Object[] {row, editedIn, id, n});
            }
        }
        tolk.syncOk();
        for (Object[] m : mine) {
            Row row = (Row) m[0];
            long poId = (Long) m[2];
            int k = (Integer) m[3];
            if (m[1].equals("po")) {
                if (row.flow().equals("F2")) {
                    po.patchDepartment(poId, row.poPatchPath(), row.poValue());
                } else {
                    po.patchCustomer(poId, row.poPatchPath(), row.poValue());
                }
            } else {
                JsonNode z = switch (row.flow()) {
                    case "F1" -> onlyZoho("Accounts", "Account_Name", "Stille " + k + " AS");
                    case "F2" -> onlyZoho("Accounts", "Account_Name", "Stille avdeling " + k);
                    default -> onlyZoho("Contacts", "Email", "siri." + k + "@example.no");
                };
                zoho.update(row.zohoModule(), z.get("id").asText(), Map.of(row.zohoField(), row.zohoValue()));
            }
        }
        resetCounters();
        Tolk.Result applying = tolk.syncOk();
        assertThat(po.admin().writes()).as("the cycle applying the 22 Zoho edits writes to PowerOffice:\n" + applying.all())
                .isPositive();
        assertThat(zoho.admin().writes()).as("the cycle applying the 22 PowerOffice edits writes to Zoho").isPositive();
        for (Object[] m : mine) {
            Row row = (Row) m[0];
            if (m[1].equals("zoho")) {
                long poId = (Long) m[2];
                JsonNode rec = row.flow().equals("F2") ? po.department(poId) : po.customer(poId);
                assertThat(rec.at(row.poPatchPath()).asText(null)).as(row + " edited in Zoho").isEqualTo(row.zohoValue());
            }
        }
        String plan = tolk.run("plan").all();
        resetCounters();

        Tolk.Result idle = tolk.syncOk();

        assertThat(writes()).as("write calls {PowerOffice, Zoho} in the cycle after every row was edited; tolk plan said:\n"
                + plan + "\ntolk sync said:\n" + idle.all()).containsExactly(0, 0);
    }

    @Test
    void everyRowOfTheSpecHasATestInEachDirection() {
        java.util.Set<String> methods = java.util.Arrays.stream(EveryRowBothWaysTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).map(java.lang.reflect.Method::getName)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(rows()).hasSize(22);
        assertThat(methods.stream().filter(m -> m.contains("EditedInPowerOfficeReaches"))).hasSize(22);
        assertThat(methods.stream().filter(m -> m.contains("EditedInZoho") && m.endsWith("ReachesPowerOffice"))).hasSize(22);
    }

    @Override
    protected boolean oneWorldPerClass() {
        return true; // each test edits its own linked pair; the pairs are created and linked by one sync
    }

    /** Per row and direction ({@code row + " po"} / {@code row + " zoho"}): {PowerOffice id, Zoho id}. */
    private final Map<String, String[]> pairs = new java.util.HashMap<>();

    /** A linked pair of the row's flow, for this row and direction only. */
    private String[] linkedPair(Row row, String editedIn) {
        if (pairs.isEmpty()) {
            linkAllPairs();
        }
        return pairs.get(row + " " + editedIn);
    }

    private void linkAllPairs() {
        Map<String, Long> poIds = new java.util.LinkedHashMap<>();
        int n = 0;
        for (Row row : rows()) {
            for (String editedIn : List.of("po", "zoho")) {
                n++;
                long id = switch (row.flow()) {
                    case "F1" -> companyInPowerOffice("Fjellvind " + n + " AS");
                    case "F2" -> departmentInPowerOffice("D" + n, "Avdeling " + n);
                    default -> personInPowerOffice("Kari", "Nordmann", "kari." + n + "@example.no");
                };
                poIds.put(row + " " + editedIn + " " + n, id);
            }
        }
        tolk.syncOk();
        for (Map.Entry<String, Long> e : poIds.entrySet()) {
            String key = e.getKey().substring(0, e.getKey().lastIndexOf(' '));
            String n2 = e.getKey().substring(e.getKey().lastIndexOf(' ') + 1);
            String flow = key.substring(0, 2);
            JsonNode z = switch (flow) {
                case "F1" -> onlyZoho("Accounts", "Account_Name", "Fjellvind " + n2 + " AS");
                case "F2" -> onlyZoho("Accounts", "Account_Name", "Avdeling " + n2);
                default -> onlyZoho("Contacts", "Email", "kari." + n2 + "@example.no");
            };
            // A CRM user's own note on the record: not bound, so tolk must never touch it.
            zoho.update(flow.equals("F3") ? "Contacts" : "Accounts", z.get("id").asText(),
                    Map.of("Description", "kept by the CRM user"));
            pairs.put(key, new String[] {Long.toString(e.getValue()), z.get("id").asText()});
        }
        tolk.syncOk(); // settles the CRM user's notes (nothing bound changed)
    }

    private JsonNode poRecord(Row row, long id) {
        return row.flow().equals("F2") ? po.department(id) : po.customer(id);
    }

    /** Edited in PowerOffice: the Zoho GET shows the value in the row's field and in its fan-out partner. */
    private void editedInPowerOfficeReachesZoho(Row row) {
        String[] pair = linkedPair(row, "po");
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

    /** Edited in Zoho (primary or secondary field): the PowerOffice GET shows it; the partner field follows. */
    private void editedInZohoReachesPowerOffice(Row row) {
        String[] pair = linkedPair(row, "zoho");
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
