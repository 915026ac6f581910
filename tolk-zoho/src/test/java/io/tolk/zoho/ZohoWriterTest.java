package io.tolk.zoho;

import io.tolk.api.conformance.RecordingProxy;
import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZohoWriterTest {

    private static ZohoSim sim;
    private ZohoConnector connector;
    private RecordWriter accounts;

    @BeforeAll
    static void startSim() {
        sim = ZohoSim.withProxy();
    }

    @AfterAll
    static void stopSim() {
        sim.close();
    }

    @BeforeEach
    void fresh() {
        sim.adminPost("/reset", "{}");
        sim.proxy.policy(c -> RecordingProxy.Action.FORWARD);
        sim.clock.release();
        sim.proxy.clear();
        connector = sim.connector();
        accounts = connector.writer("Accounts");
    }

    private static CreateRequest account(String key, String name) {
        return new CreateRequest(key, Map.of("Account_Name", name, "Billing_City", "Oslo"));
    }

    private List<SourceRecord> allAccounts() {
        List<SourceRecord> out = new ArrayList<>();
        connector.reader("Accounts").readAll(Set.of("Account_Name", "PowerOffice_Id"), out::addAll);
        return out;
    }

    private List<RecordingProxy.Captured> posts(String path) {
        return sim.proxy.captured().stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).toList();
    }

    private static JsonNode json(RecordingProxy.Captured c) {
        try {
            return ZohoSim.JSON.readTree(c.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBatchWithOneRecordMissingItsMandatoryFieldCreatesTheOthersAndNamesTheField() {
        List<WriteResult> results = accounts.create(List.of(account("k-1", "Alfa AS"),
                new CreateRequest("k-2", Map.of("Billing_City", "Bergen")), account("k-3", "Gamma AS")));

        assertThat(results).extracting(WriteResult::request).containsExactly("k-1", "k-2", "k-3");
        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(2).succeeded()).isTrue();
        WriteError e = results.get(1).error().orElseThrow();
        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(e.field()).isEqualTo("Account_Name");
        assertThat(e.code()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(e.describe()).startsWith("zoho CREATE k-2 field Account_Name: MANDATORY_NOT_FOUND");
        assertThat(allAccounts()).hasSize(2);
    }

    @Test
    void aValueLongerThanTheFieldAllowsIsPermanentWithTheFieldAndItsMaximumLength() {
        List<WriteResult> results = accounts.create(List.of(account("k-long", "x".repeat(101))));

        WriteError e = results.get(0).error().orElseThrow();
        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(e.code()).isEqualTo("INVALID_DATA");
        assertThat(e.field()).isEqualTo("Account_Name");
        assertThat(e.message()).contains("at most 100 characters");
    }

    @Test
    void anAllFailedBatchIsAResultPerRecordNotAnException() {
        List<WriteResult> results = accounts.create(List.of(new CreateRequest("a", Map.of("Phone", "1")),
                new CreateRequest("b", Map.of("Phone", "2"))));

        assertThat(results).hasSize(2).allSatisfy(r ->
                assertThat(r.error().orElseThrow().kind()).isEqualTo(ErrorKind.PERMANENT));
    }

    @Test
    void updatingOrDeletingAnIdThatDoesNotExistIsNotFound() {
        String id = accounts.create(List.of(account("k", "Delta AS"))).get(0).id().orElseThrow();
        String missing = "4876876000999999999";

        List<WriteResult> updated = accounts.update(List.of(new UpdateRequest(id, Map.of("Billing_City", "Tromsø")),
                new UpdateRequest(missing, Map.of("Billing_City", "Bodø"))));
        List<WriteResult> deleted = accounts.delete(List.of(missing));

        assertThat(updated.get(0).succeeded()).isTrue();
        assertThat(updated.get(1).error().orElseThrow().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(deleted.get(0).error().orElseThrow().kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(connector.reader("Accounts").readByIds(List.of(id), Set.of("Billing_City")).get(0).field("Billing_City"))
                .isEqualTo("Tromsø");
    }

    @Test
    void anUpdateWithANullValueClearsTheField() {
        String id = accounts.create(List.of(account("k", "Epsilon AS"))).get(0).id().orElseThrow();
        Map<String, String> clear = new java.util.HashMap<>();
        clear.put("Billing_City", null);

        assertThat(accounts.update(List.of(new UpdateRequest(id, clear))).get(0).succeeded()).isTrue();

        assertThat(connector.reader("Accounts").readByIds(List.of(id), Set.of("Billing_City")).get(0).field("Billing_City")).isNull();
    }

    @Test
    void aContactIsLinkedToItsAccountThroughTheLookupId() {
        String accountId = accounts.create(List.of(account("acc", "Fjord AS"))).get(0).id().orElseThrow();

        WriteResult r = connector.writer("Contacts").create(List.of(new CreateRequest("con", Map.of(
                "Last_Name", "Nordmann", "First_Name", "Kari", "Account_Name.id", accountId,
                "Account_Name.name", "ignored: Zoho fills in the name")))).get(0);

        assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        JsonNode sent = json(posts("/crm/v8/Contacts").get(0)).path("data").path(0);
        assertThat(sent.path("Account_Name").toString()).isEqualTo("{\"id\":\"" + accountId + "\"}");
        SourceRecord read = connector.reader("Contacts").readByIds(List.of(r.id().orElseThrow()),
                Set.of("Account_Name.id", "Account_Name.name")).get(0);
        assertThat(read.field("Account_Name.id")).isEqualTo(accountId);
        assertThat(read.field("Account_Name.name")).isEqualTo("Fjord AS");
    }

    @Test
    void writesRunNoWorkflowsByDefaultAndTheConfiguredTriggersOtherwise() {
        RecordWriter withWorkflow = sim.connector(sim.settings().withTriggers(List.of("workflow"))).writer("Accounts");
        RecordWriter withApprovalOnly = sim.connector(sim.settings().withTriggers(List.of("approval"))).writer("Accounts");
        String plain = accounts.create(List.of(account("k1", "Zeta AS"))).get(0).id().orElseThrow();
        String triggered = withWorkflow.create(List.of(account("k2", "Eta AS"))).get(0).id().orElseThrow();
        String approval = withApprovalOnly.create(List.of(account("k3", "Theta AS"))).get(0).id().orElseThrow();

        assertThat(accounts.delete(List.of(plain)).get(0).succeeded()).isTrue();
        assertThat(withWorkflow.delete(List.of(triggered)).get(0).succeeded()).isTrue();
        assertThat(withApprovalOnly.delete(List.of(approval)).get(0).succeeded()).isTrue();

        List<RecordingProxy.Captured> posts = posts("/crm/v8/Accounts");
        assertThat(json(posts.get(0)).path("trigger").toString()).isEqualTo("[]");
        assertThat(json(posts.get(1)).path("trigger").toString()).isEqualTo("[\"workflow\"]");
        assertThat(json(posts.get(2)).path("trigger").toString()).isEqualTo("[\"approval\"]");
        List<RecordingProxy.Captured> deletes = sim.proxy.captured().stream().filter(r -> r.method().equals("DELETE")).toList();
        assertThat(deletes).hasSize(3);
        assertThat(deletes.get(0).rawQuery()).contains("ids=" + plain).contains("wf_trigger=false");
        assertThat(deletes.get(1).rawQuery()).contains("ids=" + triggered).contains("wf_trigger=true");
        assertThat(deletes.get(2).rawQuery()).contains("ids=" + approval).contains("wf_trigger=false");
    }

    @Test
    void moreThanAHundredRecordsInOneCallAreRefused() {
        List<CreateRequest> many = IntStream.range(0, 101).mapToObj(i -> account("k" + i, "N" + i)).toList();

        assertThatThrownBy(() -> accounts.create(many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 100");
    }

    @Test
    void aBatchWhoseAnswerWasLostIsLookedUpAndOnlyTheRecordsNotCreatedAreSentAgain() {
        AtomicInteger creates = new AtomicInteger();
        sim.proxy.policy(c -> c.method().equals("POST") && c.path().equals("/crm/v8/Accounts") && creates.getAndIncrement() == 0
                ? RecordingProxy.Action.DROP_AFTER_FORWARD : RecordingProxy.Action.FORWARD);

        List<WriteResult> results = accounts.create(List.of(account("k-1", "Theta AS"),
                new CreateRequest("k-bad", Map.of("Billing_City", "Bergen")), account("k-3", "Iota AS")));

        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(2).succeeded()).isTrue();
        assertThat(results.get(1).error().orElseThrow().kind()).isEqualTo(ErrorKind.PERMANENT);
        List<RecordingProxy.Captured> posts = posts("/crm/v8/Accounts");
        assertThat(posts).hasSize(2);
        assertThat(json(posts.get(1)).path("data")).hasSize(1); // only the one not found is sent again
        assertThat(allAccounts()).extracting(r -> r.field("Account_Name")).containsExactlyInAnyOrder("Theta AS", "Iota AS");
        assertThat(results.get(0).id()).contains(allAccounts().stream()
                .filter(r -> r.field("Account_Name").equals("Theta AS")).findFirst().orElseThrow().id());
    }

    @Test
    void aCreateWhoseAnswerWasLostIsLookedUpOnlyOnceReadsCanShowItSoALaggingReplicaMakesNoDuplicate() {
        sim.adminPost("/faults", "{\"spec\":\"lag=1s\"}");
        try {
            AtomicInteger creates = new AtomicInteger();
            sim.proxy.policy(c -> c.method().equals("POST") && c.path().equals("/crm/v8/Accounts")
                    && creates.getAndIncrement() == 0 ? RecordingProxy.Action.DROP_AFTER_FORWARD : RecordingProxy.Action.FORWARD);
            List<Duration> waits = new ArrayList<>();
            ZohoConnector waiting = new ZohoConnector(sim.settings(), sim.clock, d -> {
                waits.add(d);
                sim.clock.advance(d);   // the replica catches up on the simulator's clock
            });

            List<WriteResult> results = waiting.writer("Accounts").create(List.of(account("k-lag", "Lagging AS")));

            assertThat(results.get(0).succeeded()).as(String.valueOf(results.get(0).error())).isTrue();
            assertThat(posts("/crm/v8/Accounts")).as("found, not sent again").hasSize(1);
            assertThat(waits).as("waited for reads to show the write before looking").isNotEmpty();
            assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThan(Duration.ofSeconds(1));
        } finally {
            sim.adminPost("/faults", "{\"spec\":\"\"}");
        }
        assertThat(allAccounts()).extracting(r -> r.field("Account_Name")).containsExactly("Lagging AS");
    }

    @Test
    void findCreatedReadsOnlyOnceTheCreateCanBeVisibleAndSoFindsItBehindALaggingReplica() {
        sim.adminPost("/faults", "{\"spec\":\"lag=1s\"}");
        try {
            ZohoConnector waiting = new ZohoConnector(sim.settings(), sim.clock, sim.clock::advance);
            Instant attempt = sim.clock.instant();
            waiting.writer("Accounts").create(List.of(account("k-late", "Late Reader AS")));

            assertThat(waiting.writer("Accounts").findCreated(account("k-late", "Late Reader AS"), attempt)).isPresent();
        } finally {
            sim.adminPost("/faults", "{\"spec\":\"\"}");
        }
    }

    @Test
    void aBatchThatNeverReachedZohoIsSentAgainOnceAndEveryRecordExistsOnce() {
        AtomicInteger creates = new AtomicInteger();
        sim.proxy.policy(c -> c.method().equals("POST") && c.path().equals("/crm/v8/Accounts") && creates.getAndIncrement() == 0
                ? RecordingProxy.Action.DROP_BEFORE_FORWARD : RecordingProxy.Action.FORWARD);

        List<WriteResult> results = accounts.create(List.of(account("k-1", "Kappa AS"), account("k-2", "Lambda AS")));

        assertThat(results).allMatch(WriteResult::succeeded);
        assertThat(allAccounts()).hasSize(2);
        assertThat(posts("/crm/v8/Accounts")).hasSize(2);
    }

    @Test
    void findCreatedNeverGuessesBetweenTwoRecordsThatBothMatch() {
        Instant before = sim.clock.instant();
        accounts.create(List.of(account("a", "Same AS")));
        accounts.create(List.of(account("b", "Same AS")));

        assertThatThrownBy(() -> accounts.findCreated(account("c", "Same AS"), before))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
                    assertThat(e.getMessage()).contains("not choosing");
                });
    }

    @Test
    void findCreatedLooksOnlyAtRecordsCreatedAtOrAfterTheAttempt() {
        sim.clock.set(Instant.parse("2025-03-01T10:00:00Z"));
        accounts.create(List.of(account("old", "Old Name AS")));
        sim.clock.advance(Duration.ofMinutes(10));
        Instant attempt = sim.clock.instant();

        assertThat(accounts.findCreated(account("new", "Old Name AS"), attempt)).isEmpty();
        accounts.create(List.of(account("new", "Old Name AS")));
        assertThat(accounts.findCreated(account("new", "Old Name AS"), attempt)).isPresent();
    }

    @Test
    void contactsAreMatchedByEmailElseByLastAndFirstName() {
        Instant before = sim.clock.instant();
        RecordWriter contacts = connector.writer("Contacts");
        contacts.create(List.of(new CreateRequest("c1", Map.of("Last_Name", "Hansen", "First_Name", "Ola", "Email", "ola@fjord.no")),
                new CreateRequest("c2", Map.of("Last_Name", "Hansen", "First_Name", "Kari"))));

        assertThat(contacts.findCreated(new CreateRequest("x", Map.of("Last_Name", "Other", "Email", "OLA@fjord.no")), before))
                .hasValueSatisfying(r -> assertThat(r.field("First_Name")).isEqualTo("Ola"));
        assertThat(contacts.findCreated(new CreateRequest("y", Map.of("Last_Name", "hansen", "First_Name", "Kari")), before))
                .hasValueSatisfying(r -> assertThat(r.field("Email")).isNull());
        assertThat(contacts.findCreated(new CreateRequest("z", Map.of("Last_Name", "Hansen", "First_Name", "Per")), before)).isEmpty();
    }

    @Test
    void withAnExternalIdFieldTheKeyIsStoredAndARepeatedCreateGivesTheSameRecord() {
        ZohoConnector c = sim.connector(sim.settings().withExternalIdField("PowerOffice_Id"));
        c.checkAccess();
        RecordWriter w = c.writer("Accounts");
        Instant before = sim.clock.instant();

        WriteResult first = w.create(List.of(account("tolk-key-1", "Mu AS"))).get(0);
        WriteResult again = w.create(List.of(account("tolk-key-1", "Mu AS"))).get(0);

        assertThat(first.succeeded()).isTrue();
        assertThat(again.succeeded()).as("%s", again.error()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(allAccounts()).singleElement().satisfies(r -> assertThat(r.field("PowerOffice_Id")).isEqualTo("tolk-key-1"));
        assertThat(w.findCreated(account("tolk-key-1", "Renamed meanwhile AS"), before)).isPresent();
        assertThat(w.findCreated(account("tolk-key-2", "Mu AS"), before)).isEmpty();
    }

    @Test
    void checkAccessSaysClearlyWhenTheExternalIdFieldDoesNotExistOrIsNotUnique() {
        assertThatThrownBy(() -> sim.connector(sim.settings().withExternalIdField("Tolk_Key")).checkAccess())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("Accounts.Tolk_Key does not exist");
                });
        assertThatThrownBy(() -> sim.connector(sim.settings().withExternalIdField("Billing_City")).verifyExternalIdField())
                .isInstanceOfSatisfying(ConnectorException.class, e ->
                        assertThat(e.getMessage()).contains("Accounts.Billing_City does not refuse duplicate values"));
    }

    @Test
    void anExternalIdFieldThatIsMissingOrNotUniqueFailsTheFirstWriteNamingTheModuleAndTheFieldBeforeAnythingIsSent() {
        RecordWriter missing = sim.connector(sim.settings().withExternalIdField("Tolk_Key")).writer("Contacts");
        RecordWriter notUnique = sim.connector(sim.settings().withExternalIdField("Billing_City")).writer("Accounts");

        assertThatThrownBy(() -> missing.create(List.of(new CreateRequest("k-1", Map.of("Last_Name", "Nordmann")))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("Contacts.Tolk_Key does not exist");
                });
        assertThatThrownBy(() -> missing.findCreated(new CreateRequest("k-1", Map.of("Last_Name", "Nordmann")), Instant.EPOCH))
                .isInstanceOfSatisfying(ConnectorException.class, e ->
                        assertThat(e.getMessage()).contains("Contacts.Tolk_Key does not exist"));
        assertThatThrownBy(() -> notUnique.create(List.of(account("k-2", "Nu AS"))))
                .isInstanceOfSatisfying(ConnectorException.class, e ->
                        assertThat(e.getMessage()).contains("Accounts.Billing_City does not refuse duplicate values"));
        assertThat(sim.proxy.captured()).as("no record was sent or searched")
                .noneMatch(r -> r.path().equals("/crm/v8/Contacts") || r.path().equals("/crm/v8/Accounts"));
        assertThat(allAccounts()).isEmpty();
    }

    @Test
    void aFitExternalIdFieldIsCheckedOnceNotOnEveryWrite() {
        RecordWriter w = sim.connector(sim.settings().withExternalIdField("PowerOffice_Id")).writer("Accounts");

        for (int i = 0; i < 3; i++) {
            assertThat(w.create(List.of(account("k-" + i, "Xi " + i + " AS"))).get(0).succeeded()).isTrue();
        }
        w.findCreated(account("k-0", "Xi 0 AS"), Instant.EPOCH);

        assertThat(sim.proxy.captured()).filteredOn(r -> r.path().equals("/crm/v8/settings/fields")).hasSize(1);
    }
}
