package io.tolk.poweroffice;

import io.tolk.api.Checkpoint;
import io.tolk.api.ReadSummary;
import io.tolk.api.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PowerOfficeReadTest {

    private final SimulatorHarness harness = new SimulatorHarness();
    private final PowerOfficeConnector connector = harness.connector();

    @AfterEach
    void stop() {
        harness.close();
    }

    private List<SourceRecord> readAll(String type, Set<String> fields) {
        List<SourceRecord> all = new ArrayList<>();
        connector.reader(type).readAll(fields, all::addAll);
        return all;
    }

    @Test
    void customersAreSplitIntoCompanyAndPersonTypesByIsPerson() {
        long company = harness.insertCustomer(Map.of("Name", "Fjord AS", "IsPerson", false));
        long person = harness.insertCustomer(Map.of("FirstName", "Kari", "LastName", "Nordmann", "IsPerson", true));

        assertThat(readAll("CompanyCustomer", Set.of("Name"))).extracting(SourceRecord::id).containsExactly(Long.toString(company));
        List<SourceRecord> persons = readAll("PersonCustomer", Set.of("FirstName", "LastName"));
        assertThat(persons).extracting(SourceRecord::id).containsExactly(Long.toString(person));
        assertThat(persons.get(0).ref().type()).isEqualTo("PersonCustomer");
        assertThat(persons.get(0).field("LastName")).isEqualTo("Nordmann");
        assertThat(connector.reader("CompanyCustomer").readByIds(List.of(Long.toString(person)), Set.of("Name")))
                .as("a person asked for as a CompanyCustomer exists, as a PersonCustomer")
                .singleElement().satisfies(r -> assertThat(r.ref().type()).isEqualTo("PersonCustomer"));
    }

    @Test
    void aCustomerWhoseIsPersonFlippedIsReadByIdUnderItsNewTypeAndNotAsAbsentWhileOnlyA404IsAbsent() {
        long id = harness.insertCustomer(Map.of("Name", "Kari Nordmann ENK", "FirstName", "Kari", "LastName", "Nordmann",
                "IsPerson", false));
        String ref = Long.toString(id);
        assertThat(connector.reader("CompanyCustomer").readByIds(List.of(ref), Set.of("Name")))
                .singleElement().satisfies(r -> assertThat(r.ref().type()).isEqualTo("CompanyCustomer"));
        var patched = harness.direct("PATCH", "/Customers/" + id, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/IsPerson\",\"value\":true}]");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        List<SourceRecord> read = connector.reader("CompanyCustomer").readByIds(List.of(ref, "999999999"), Set.of("Name"));

        assertThat(read).as("the flipped customer is present, the missing one absent").singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(ref);
            assertThat(r.ref().type()).isEqualTo("PersonCustomer");
            assertThat(r.field("IsPerson")).isEqualTo("true");
            assertThat(r.field("LastName")).isEqualTo("Nordmann");
        });
        assertThat(readAll("CompanyCustomer", Set.of("Name"))).as("a full scan puts it under its new type only").isEmpty();
        assertThat(readAll("PersonCustomer", Set.of("LastName"))).extracting(SourceRecord::id).containsExactly(ref);
    }

    @Test
    void aFullScanOfTwentyFiveCustomersIsOneCallWithTheLargestPage() {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            customers.add(Map.of("Name", "Firma " + i, "IsPerson", false));
        }
        harness.fixtures(Map.of("customers", customers));
        connector.checkAccess();
        harness.sim.counters().reset();

        ReadSummary summary = connector.reader("CompanyCustomer").readAll(Set.of("Name"), page -> { });

        assertThat(summary.records()).isEqualTo(25);
        assertThat(summary.pages()).isEqualTo(1);
        assertThat(harness.sim.counters().requests("customers.list")).isEqualTo(1);
    }

    @Test
    void fieldsSelectionReturnsOnlyTheRequestedPropertiesPlusIdAndTimestamps() {
        harness.insertCustomer(Map.of("Name", "Fjord AS", "IsPerson", false, "PhoneNumber", "+4722334455",
                "MailAddress", Map.of("City", "Oslo", "ZipCode", "0161")));

        SourceRecord r = readAll("CompanyCustomer", Set.of("Name", "MailAddress.City")).get(0);

        assertThat(r.field("Name")).isEqualTo("Fjord AS");
        assertThat(r.field("MailAddress.City")).isEqualTo("Oslo");
        assertThat(r.fields()).doesNotContainKey("PhoneNumber").containsKey("LastChangedDateTimeOffset");
        assertThat(r.modifiedAt()).isNotNull();
    }

    @Test
    void anAddressOnlyEditIsSeenByReadChangesAndCarriesTheAddressTimestamp() {
        long id = harness.insertCustomer(Map.of("Name", "Fjord AS", "IsPerson", false,
                "MailAddress", Map.of("City", "Oslo", "ZipCode", "0161")));
        Set<String> fields = Set.of("Name", "MailAddress.City", "MailAddress.ZipCode");
        ReadSummary first = connector.reader("CompanyCustomer").readChanges(Checkpoint.NONE, fields, page -> { });
        SourceRecord before = connector.reader("CompanyCustomer").readByIds(List.of(Long.toString(id)), fields).get(0);
        harness.sim.clock().advance(Duration.ofMinutes(10));
        int status = harness.direct("PATCH", "/Customers/" + id, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/mailAddress/city\",\"value\":\"Bergen\"}]").statusCode();
        assertThat(status).isEqualTo(200);

        List<SourceRecord> changed = new ArrayList<>();
        ReadSummary second = connector.reader("CompanyCustomer").readChanges(first.next(), fields, changed::addAll);

        assertThat(second.complete()).isTrue();
        SourceRecord after = changed.stream().filter(r -> r.id().equals(Long.toString(id))).findFirst().orElseThrow();
        assertThat(after.field("MailAddress.City")).isEqualTo("Bergen");
        assertThat(after.modifiedAt()).as("the customer's own timestamp does not move").isEqualTo(before.modifiedAt());
        assertThat(after.modifiedAt("MailAddress.City")).isAfter(before.modifiedAt("MailAddress.City"));
    }

    @Test
    void departmentsAndContactPersonsAreReadWithTheirIds() {
        long dept = harness.fixtures(Map.of("departments", List.of(Map.of("Name", "Salg", "Code", "10")))).get("departments").get(0);
        long company = harness.insertCustomer(Map.of("Name", "Fjord AS", "IsPerson", false));
        long person = harness.fixtures(Map.of("contactPersons", List.of(Map.of("ContactId", company, "FirstName", "Kari",
                "LastName", "Nordmann")))).get("contactPersons").get(0);

        List<SourceRecord> departments = readAll("Department", Set.of("Name", "Code"));
        assertThat(departments).extracting(SourceRecord::id).containsExactly(Long.toString(dept));
        assertThat(departments.get(0).field("Code")).isEqualTo("10");
        String cpId = company + ":" + person;
        assertThat(readAll("ContactPerson", Set.of("FirstName"))).extracting(SourceRecord::id).containsExactly(cpId);
        List<SourceRecord> byId = connector.reader("ContactPerson").readByIds(List.of(cpId, company + ":999999", "junk"), Set.of());
        assertThat(byId).extracting(SourceRecord::id).containsExactly(cpId);
        assertThat(byId.get(0).field("LastName")).isEqualTo("Nordmann");
    }

    @Test
    void recordsDeletedMidScanDoNotHideRecordsThatExistedThroughout() {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(Map.of("Name", "Firma " + i, "IsPerson", false));
        }
        List<Long> ids = harness.fixtures(Map.of("customers", customers)).get("customers");
        PowerOfficeConnector small = harness.connector(harness.settings().withPageSize(10));
        List<String> seen = new ArrayList<>();
        int[] pages = {0};

        small.reader("CompanyCustomer").readAll(Set.of("Name"), page -> {
            page.forEach(r -> seen.add(r.id()));
            if (++pages[0] == 1) { // delete three already-read records: the rest of the list moves forward by three
                for (int i = 0; i < 3; i++) {
                    harness.direct("DELETE", "/Customers/" + ids.get(i), null, null);
                }
            }
        });

        List<String> survivors = ids.subList(3, 30).stream().map(String::valueOf).toList();
        assertThat(seen).containsAll(survivors).doesNotHaveDuplicates();
    }

    @Test
    void anEmptySystemIsACompleteScanOfNoRecords() {
        ReadSummary summary = connector.reader("Department").readAll(Set.of("Name"), page -> {
            throw new AssertionError("no page expected");
        });
        assertThat(summary.records()).isZero();
        assertThat(summary.complete()).isTrue();
    }
}
