package io.tolk.poweroffice;

import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;
import io.tolk.api.conformance.RecordingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PowerOfficeWriteTest {

    private final SimulatorHarness harness = new SimulatorHarness();
    private final PowerOfficeConnector connector = harness.connector();
    private final RecordWriter customers = connector.writer("CompanyCustomer");

    @AfterEach
    void stop() {
        harness.close();
    }

    private SourceRecord read(String type, String id) {
        return connector.reader(type).readByIds(List.of(id), Set.of()).get(0);
    }

    @Test
    void createStoresTheIdempotencyKeyInExternalImportReferenceAndReturnsTheReadBack() {
        WriteResult r = customers.create(List.of(new CreateRequest("tolk-key-1", Map.of("Name", "Fjord AS")))).get(0);

        assertThat(r.succeeded()).isTrue();
        assertThat(r.readBack()).isPresent();
        assertThat(r.readBack().get().field("ExternalImportReference")).isEqualTo("tolk-key-1");
        assertThat(r.readBack().get().field("IsPerson")).isEqualTo("false");
        assertThat(read("CompanyCustomer", r.id().orElseThrow()).field("Name")).isEqualTo("Fjord AS");
    }

    @Test
    void aBlindRepeatOfACreateWithTheSameKeyReturnsTheExistingRecordInsteadOfADuplicate() {
        CreateRequest request = new CreateRequest("tolk-key-2", Map.of("Name", "Fjord AS"));
        String first = customers.create(List.of(request)).get(0).id().orElseThrow();

        WriteResult again = customers.create(List.of(request)).get(0);

        assertThat(again.succeeded()).as("%s", again.error()).isTrue();
        assertThat(again.id()).contains(first);
        List<SourceRecord> all = new java.util.ArrayList<>();
        connector.reader("CompanyCustomer").readAll(Set.of("Name"), all::addAll);
        assertThat(all).hasSize(1);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundByItsKeyInsideTheCallAndNotRepeated() throws Exception {
        CreateRequest request = new CreateRequest("tolk-key-3", Map.of("Name", "Dropped AS"));
        try (RecordingProxy proxy = RecordingProxy.inFrontOf(URI.create(harness.sim.apiUrl()))) {
            // only the POST is cut (after it was applied): the look-up GET that follows gets through
            proxy.policy(RecordingProxy.dropAnswerOfFirst(r -> r.method().equals("POST")));
            PowerOfficeConnector viaProxy = harness.connector(harness.settings().withApiUrl(proxy.via(URI.create(harness.sim.apiUrl()))));

            WriteResult r = viaProxy.writer("CompanyCustomer").create(List.of(request)).get(0);

            assertThat(proxy.dropped()).isEqualTo(1);
            assertThat(r.succeeded()).as("%s", r.error()).isTrue();
            assertThat(r.readBack()).hasValueSatisfying(back -> assertThat(back.field("Name")).isEqualTo("Dropped AS"));
            assertThat(proxy.captured()).filteredOn(c -> c.method().equals("GET"))
                    .anySatisfy(c -> assertThat(c.rawQuery()).contains("externalImportReference=tolk-key-3"));
        }
        assertThat(harness.sim.counters().requests("customers.create")).as("the POST was not repeated").isEqualTo(1);
        List<SourceRecord> all = new java.util.ArrayList<>();
        connector.reader("CompanyCustomer").readAll(Set.of("Name", "ExternalImportReference"), all::addAll);
        assertThat(all).singleElement().satisfies(one -> assertThat(one.field("ExternalImportReference")).isEqualTo("tolk-key-3"));
    }

    @Test
    void aCreateWhoseAnswerAndLookUpAreBothLostIsReportedUnknownAndFoundLaterByItsKey() {
        CreateRequest request = new CreateRequest("tolk-key-4", Map.of("Name", "Cut Off AS"));
        harness.setFaults("drop=1"); // every call is cut: the POST (applied) and the look-up after it
        WriteResult cut = customers.create(List.of(request)).get(0);
        harness.setFaults("");
        assertThat(cut.error().orElseThrow().kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
        assertThat(cut.error().orElseThrow().message()).contains("create CompanyCustomer tolk-key-4");

        Optional<SourceRecord> found = customers.findCreated(request, Instant.EPOCH);

        assertThat(found).isPresent();
        assertThat(found.get().field("Name")).isEqualTo("Cut Off AS");
        assertThat(harness.sim.counters().requests("customers.create")).isEqualTo(1);
    }

    @Test
    void updateSendsOnlyTheChangedPathsAndNullClearsAField() {
        String id = customers.create(List.of(new CreateRequest("k4", Map.of("Name", "Fjord AS", "PhoneNumber", "+4722334455",
                "WebsiteUrl", "www.fjord.no")))).get(0).id().orElseThrow();
        Map<String, String> change = new HashMap<>();
        change.put("WebsiteUrl", null);
        change.put("MailAddress.City", "Bergen");
        change.put("MailAddress.ZipCode", "5003");

        WriteResult r = customers.update(List.of(new UpdateRequest(id, change))).get(0);

        assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        assertThat(r.readBack()).isPresent();
        SourceRecord after = read("CompanyCustomer", id);
        assertThat(after.field("WebsiteUrl")).isNull();
        assertThat(after.field("MailAddress.City")).isEqualTo("Bergen");
        assertThat(after.field("PhoneNumber")).isEqualTo("+4722334455");
    }

    @Test
    void aValidationErrorBecomesAPermanentErrorNamingTheField() {
        String id = customers.create(List.of(new CreateRequest("k5", Map.of("Name", "Fjord AS")))).get(0).id().orElseThrow();

        WriteResult r = customers.update(List.of(new UpdateRequest(id, Map.of("MailAddress.City", "x".repeat(101))))).get(0);

        WriteError e = r.error().orElseThrow();
        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(e.field()).isEqualTo("MailAddress.City");
        assertThat(e.code()).isEqualTo("400");
        assertThat(e.operation()).isEqualTo(WriteOperation.UPDATE);
        assertThat(e.record()).isEqualTo(id);
        assertThat(e.describe()).startsWith("poweroffice UPDATE " + id + " field MailAddress.City: 400 CompanyCustomer: ");
    }

    @Test
    void aMissingNameIsRefusedByTheSystemAsPermanent() {
        WriteResult r = customers.create(List.of(new CreateRequest("k6", Map.of("EmailAddress", "a@b.no")))).get(0);
        assertThat(r.error().orElseThrow().kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(r.error().orElseThrow().field()).isEqualTo("Name");
    }

    @Test
    void anUnknownFieldIsRefusedWithoutCallingTheApi() {
        harness.sim.counters().reset();
        WriteResult r = customers.create(List.of(new CreateRequest("k7", Map.of("Name", "X", "Colour", "blue")))).get(0);
        assertThat(r.error().orElseThrow().field()).isEqualTo("Colour");
        assertThat(harness.sim.counters().writes()).isZero();
    }

    @Test
    void updatingOrDeletingAMissingRecordIsNotFoundAndARecordInUseIsPermanent() {
        long inUse = harness.insertCustomer(Map.of("Name", "Busy AS", "IsPerson", false, "InUse", true));

        assertThat(customers.update(List.of(new UpdateRequest("999999999", Map.of("Name", "x")))).get(0).error().orElseThrow().kind())
                .isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(customers.delete(List.of("999999999")).get(0).error().orElseThrow().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        WriteError conflict = customers.delete(List.of(Long.toString(inUse))).get(0).error().orElseThrow();
        assertThat(conflict.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(conflict.code()).isEqualTo("409");
    }

    @Test
    void a429ThatOutlastsTheRetriesIsRetryable() {
        harness.setFaults("throttle=1");
        WriteResult r = customers.create(List.of(new CreateRequest("k8", Map.of("Name", "Later AS")))).get(0);
        harness.setFaults("");
        assertThat(r.error().orElseThrow().kind()).isEqualTo(ErrorKind.RETRYABLE);
        assertThat(r.error().orElseThrow().code()).isEqualTo("429");
        assertThat(connector.usage().throttled()).isEqualTo(5);
    }

    @Test
    void departmentsAreCreatedUpdatedFoundByNameAndDeleted() {
        RecordWriter departments = connector.writer("Department");
        CreateRequest request = new CreateRequest("d1", Map.of("Name", "Salg", "Code", "10"));
        Instant before = harness.sim.clock().instant().minusSeconds(1);
        String id = departments.create(List.of(request)).get(0).id().orElseThrow();

        assertThat(departments.findCreated(request, before)).map(SourceRecord::id).contains(id);
        assertThat(departments.findCreated(new CreateRequest("d2", Map.of("Name", "Innkjøp")), before)).isEmpty();
        assertThat(departments.update(List.of(new UpdateRequest(id, Map.of("Name", "Salg og marked")))).get(0).succeeded()).isTrue();
        assertThat(read("Department", id).field("Name")).isEqualTo("Salg og marked");
        assertThat(departments.delete(List.of(id)).get(0).succeeded()).isTrue();
        assertThat(connector.reader("Department").readByIds(List.of(id), Set.of())).isEmpty();
    }

    @Test
    void aDroppedDepartmentCreateIsReportedUnknownAndFoundLaterByName() {
        RecordWriter departments = connector.writer("Department");
        CreateRequest request = new CreateRequest("d3", Map.of("Name", "Lager"));
        Instant before = harness.sim.clock().instant().minusSeconds(1);
        harness.setFaults("drop=1");
        WriteResult cut = departments.create(List.of(request)).get(0);
        harness.setFaults("");

        assertThat(cut.error().orElseThrow().kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
        assertThat(departments.findCreated(request, before)).isPresent();
    }

    @Test
    void aDroppedDepartmentCreateIsLookedUpOnlyOnceTheReplicaCanShowItSoItIsFoundNotCreatedTwice() {
        List<java.time.Duration> waits = new java.util.ArrayList<>();
        PowerOfficeConnector waiting = new PowerOfficeConnector(harness.settings(), harness.sim.clock(), d -> {
            waits.add(d);
            harness.sim.clock().advance(d);   // the replica catches up on the simulator's clock
        }, new java.util.Random(7));
        RecordWriter departments = waiting.writer("Department");
        CreateRequest request = new CreateRequest("d-lag", Map.of("Name", "Bak lageret"));
        Instant before = harness.sim.clock().instant();
        harness.setFaults("drop=1,lag=1s");
        WriteResult cut = departments.create(List.of(request)).get(0);
        harness.setFaults("lag=1s");

        Optional<SourceRecord> found = departments.findCreated(request, before);

        assertThat(cut.error().orElseThrow().kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
        assertThat(found).as("found behind a replica that trails by 1 s, so the engine does not create it again").isPresent();
        assertThat(waits.stream().reduce(java.time.Duration.ZERO, java.time.Duration::plus))
                .isGreaterThan(java.time.Duration.ofSeconds(1));
        harness.setFaults("");
    }

    @Test
    void aCustomerCreateWhoseAnswerIsLostBehindALaggingReplicaIsFoundByItsKeyAndNotRepeated() throws Exception {
        CreateRequest request = new CreateRequest("tolk-key-lag", Map.of("Name", "Forsinket AS"));
        harness.setFaults("lag=1s");
        try (RecordingProxy proxy = RecordingProxy.inFrontOf(URI.create(harness.sim.apiUrl()))) {
            proxy.policy(RecordingProxy.dropAnswerOfFirst(r -> r.method().equals("POST")));
            PowerOfficeConnector viaProxy = new PowerOfficeConnector(
                    harness.settings().withApiUrl(proxy.via(URI.create(harness.sim.apiUrl()))), harness.sim.clock(),
                    d -> harness.sim.clock().advance(d), new java.util.Random(7));

            WriteResult r = viaProxy.writer("CompanyCustomer").create(List.of(request)).get(0);

            assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        } finally {
            harness.setFaults("");
        }
        assertThat(harness.sim.counters().requests("customers.create")).as("the POST was not repeated").isEqualTo(1);
    }

    @Test
    void contactPersonsAreCreatedUnderTheirCustomerWithTheKeyInExternalCode() {
        long company = harness.insertCustomer(Map.of("Name", "Fjord AS", "IsPerson", false));
        RecordWriter persons = connector.writer("ContactPerson");
        CreateRequest request = new CreateRequest("cp-1", Map.of("ContactId", Long.toString(company), "FirstName", "Kari",
                "LastName", "Nordmann", "MailAddress.City", "Oslo", "MailAddress.ZipCode", "0161"));

        WriteResult r = persons.create(List.of(request)).get(0);

        assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        assertThat(r.id().orElseThrow()).startsWith(company + ":");
        assertThat(persons.findCreated(request, Instant.EPOCH)).map(SourceRecord::id).isEqualTo(r.id());
        assertThat(persons.update(List.of(new UpdateRequest(r.id().get(), Map.of("Title", "Daglig leder")))).get(0).succeeded()).isTrue();
        assertThat(read("ContactPerson", r.id().get()).field("Title")).isEqualTo("Daglig leder");
        WriteResult noParent = persons.create(List.of(new CreateRequest("cp-2", Map.of("FirstName", "A", "LastName", "B")))).get(0);
        assertThat(noParent.error().orElseThrow().field()).isEqualTo("ContactId");
    }

    @Test
    void personCustomersAreCreatedWithIsPersonTrue() {
        WriteResult r = connector.writer("PersonCustomer").create(List.of(new CreateRequest("p1",
                Map.of("FirstName", "Ola", "LastName", "Nordmann")))).get(0);
        assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        assertThat(read("PersonCustomer", r.id().orElseThrow()).field("IsPerson")).isEqualTo("true");
        WriteResult nameless = connector.writer("PersonCustomer").create(List.of(new CreateRequest("p2", Map.of("FirstName", "Ola")))).get(0);
        assertThat(nameless.error().orElseThrow().kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(nameless.error().orElseThrow().field()).isEqualTo("LastName");
    }
}
