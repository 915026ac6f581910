package io.tolk.poweroffice;

import com.sun.net.httpserver.HttpServer;
import io.tolk.api.Checkpoint;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.ReadSummary;
import io.tolk.api.SourceRecord;
import io.tolk.api.conformance.RecordingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aServerThatIgnoresPageNumberEndsTheScanWithAPermanentErrorInsteadOfLoopingForever() throws Exception {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            customers.add(Map.of("Name", "Firma " + i, "IsPerson", false));
        }
        harness.fixtures(Map.of("customers", customers));
        URI api = URI.create(harness.sim.apiUrl());
        try (RecordingProxy proxy = RecordingProxy.inFrontOf(api)) {
            proxy.rewriteQuery(q -> q == null ? null : q.replaceAll("PageNumber=\\d+", "PageNumber=1"));
            AtomicInteger lists = new AtomicInteger();
            // a scan that does not stop by itself is cut off after 20 pages, so this test fails instead of hanging
            proxy.policy(r -> r.method().equals("GET") && r.path().endsWith("/Customers") && lists.incrementAndGet() > 20
                    ? RecordingProxy.Action.DROP_BEFORE_FORWARD : RecordingProxy.Action.FORWARD);
            PowerOfficeConnector c = harness.connector(harness.settings().withApiUrl(proxy.via(api)).withPageSize(10));

            assertThatThrownBy(() -> c.reader("CompanyCustomer").readAll(Set.of("Name"), page -> { }))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
                        assertThat(e.getMessage()).contains("list CompanyCustomer page 2").contains("PageNumber");
                    });
            assertThat(lists.get()).isEqualTo(2);
        }
    }

    @Test
    void fullPagesBeyondTheServersOwnTotalPagesEndTheScanWithAPermanentError() throws Exception {
        AtomicInteger pages = new AtomicInteger();
        HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endless.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int page = pages.incrementAndGet();
            if (page > 50) { // a scan that does not stop by itself fails here instead of hanging
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < 10; i++) {
                long id = page * 100L + i; // always new, always growing
                rows.append(i == 0 ? "" : ",").append("{\"Id\":").append(id).append(",\"Name\":\"Firma ").append(id)
                        .append("\",\"IsPerson\":false,\"LastChangedDateTimeOffset\":\"2025-01-10T09:15:00+00:00\"}");
            }
            byte[] body = rows.append(']').toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Pagination", "{\"totalCount\":20,\"pageSize\":10,\"currentPage\":" + page
                    + ",\"totalPages\":2}");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        endless.start();
        try {
            PowerOfficeConnector c = harness.connector(harness.settings().withPageSize(10)
                    .withApiUrl(URI.create("http://127.0.0.1:" + endless.getAddress().getPort() + "/v2")));

            assertThatThrownBy(() -> c.reader("CompanyCustomer").readAll(Set.of("Name"), page -> { }))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
                        assertThat(e.getMessage()).contains("page 4").contains("X-Pagination says there are 2 pages");
                    });
            assertThat(pages.get()).isEqualTo(4);
        } finally {
            endless.stop(0);
        }
    }
}
