package io.tolk.api.conformance;

import com.sun.net.httpserver.HttpServer;
import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every connector must show against its simulator. A connector's test class extends this and
 * supplies a {@link ConformanceFixture}; each test here gets a fresh fixture (and so a fresh, empty simulator).
 */
public abstract class ConnectorConformanceTest {

    protected ConformanceFixture fixture;
    private final List<Connector> connectors = new ArrayList<>();

    /** A new fixture over a freshly started, empty simulator. */
    protected abstract ConformanceFixture createFixture();

    @BeforeEach
    void setUpFixture() {
        fixture = createFixture();
    }

    @AfterEach
    void tearDownFixture() {
        connectors.forEach(Connector::close);
        connectors.clear();
        if (fixture != null) {
            fixture.close();
        }
    }

    protected Connector connector() {
        return connector(0);
    }

    protected Connector connector(int pageSize) {
        Connector c = fixture.connector(pageSize);
        connectors.add(c);
        return c;
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String key() {
        return "tolk-" + UUID.randomUUID();
    }

    private Map<String, SourceRecord> readAllById(Connector c) {
        Map<String, SourceRecord> byId = new java.util.LinkedHashMap<>();
        ReadSummary summary = c.reader(fixture.type()).readAll(fixture.readFields(), page -> page.forEach(r -> byId.put(r.id(), r)));
        assertThat(summary.complete()).as("a full scan that ran to the end is complete").isTrue();
        return byId;
    }

    private SourceRecord createOne(Connector c, String name) {
        CreateRequest request = fixture.validCreate(key(), name);
        List<WriteResult> results = c.writer(fixture.type()).create(List.of(request));
        assertThat(results).hasSize(1);
        WriteResult result = results.get(0);
        assertThat(result.error()).as("create error").isEmpty();
        assertThat(result.request()).isEqualTo(request.idempotencyKey());
        List<SourceRecord> read = c.reader(fixture.type()).readByIds(List.of(result.id().orElseThrow()), fixture.readFields());
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    @Test
    void createdRecordIsReadBackByIdWithItsSystemTypeFieldsAndModificationTime() {
        Connector c = connector();
        String name = unique("Create");
        CreateRequest request = fixture.validCreate(key(), name);

        WriteResult result = c.writer(fixture.type()).create(List.of(request)).get(0);

        assertThat(result.succeeded()).as("%s", result.error()).isTrue();
        String id = result.id().orElseThrow();
        List<SourceRecord> read = c.reader(fixture.type()).readByIds(List.of(id), fixture.readFields());
        assertThat(read).hasSize(1);
        SourceRecord record = read.get(0);
        assertThat(record.ref().system()).isEqualTo(fixture.system()).isEqualTo(c.system());
        assertThat(record.ref().type()).isEqualTo(fixture.type());
        assertThat(record.id()).isEqualTo(id);
        assertThat(record.field(fixture.nameField())).isEqualTo(name);
        assertThat(record.modifiedAt()).isNotNull();
        request.fields().forEach((path, value) -> {
            if (fixture.readFields().contains(path) && value != null) {
                assertThat(record.field(path)).as("field %s read back", path).isEqualTo(value);
            }
        });
    }

    @Test
    void updateChangesOnlyTheGivenField() {
        Connector c = connector();
        String name = unique("Update");
        SourceRecord before = createOne(c, name);
        Map.Entry<String, String> edit = fixture.edit(UUID.randomUUID().toString().substring(0, 6));

        List<WriteResult> results = c.writer(fixture.type())
                .update(List.of(new UpdateRequest(before.id(), Map.of(edit.getKey(), edit.getValue()))));

        assertThat(results).hasSize(1);
        assertThat(results.get(0).succeeded()).as("%s", results.get(0).error()).isTrue();
        assertThat(results.get(0).request()).isEqualTo(before.id());
        SourceRecord after = c.reader(fixture.type()).readByIds(List.of(before.id()), fixture.readFields()).get(0);
        assertThat(after.field(edit.getKey())).isEqualTo(edit.getValue());
        assertThat(after.field(fixture.nameField())).isEqualTo(name);
        for (String path : fixture.readFields()) {
            if (!path.equals(edit.getKey()) && !before.fieldModifiedAt().containsKey(path) && !isTimestamp(path)) {
                assertThat(after.field(path)).as("untouched field %s", path).isEqualTo(before.field(path));
            }
        }
    }

    private static boolean isTimestamp(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        return p.contains("time") || p.contains("changed") || p.contains("modified");
    }

    @Test
    void incrementalReadSeesAnUpdateMadeAfterTheCheckpoint() {
        Connector c = connector();
        String changedId = fixture.insertDirectly(unique("Changed"));
        String unchangedId = fixture.insertDirectly(unique("Unchanged"));
        RecordReader reader = c.reader(fixture.type());
        ReadSummary first = reader.readChanges(Checkpoint.NONE, fixture.readFields(), page -> { });
        assertThat(first.next()).isNotNull();
        fixture.advanceClock(Duration.ofHours(1));
        Map.Entry<String, String> edit = fixture.edit("inc");
        assertThat(c.writer(fixture.type()).update(List.of(new UpdateRequest(changedId, Map.of(edit.getKey(), edit.getValue()))))
                .get(0).succeeded()).isTrue();
        fixture.advanceClock(Duration.ofHours(1));

        Map<String, SourceRecord> seen = new java.util.HashMap<>();
        ReadSummary second = reader.readChanges(first.next(), fixture.readFields(), page -> page.forEach(r -> seen.put(r.id(), r)));

        assertThat(seen).containsKey(changedId);
        assertThat(seen.get(changedId).field(edit.getKey())).isEqualTo(edit.getValue());
        if (fixture.changesAreFullScans()) {
            assertThat(second.complete()).as("a full-scan change read says it is complete").isTrue();
        } else {
            assertThat(seen).as("an unchanged record outside the overlap window").doesNotContainKey(unchangedId);
        }
    }

    @Test
    void deletedRecordIsAbsentFromAFullScanAndFromReadByIdsAndDeletingAgainIsNotFound() {
        Connector c = connector();
        String keptId = fixture.insertDirectly(unique("Kept"));
        String viaConnector = createOne(c, unique("DeleteMe")).id();
        String viaSimulator = fixture.insertDirectly(unique("GoneBehindOurBack"));

        List<WriteResult> deleted = c.writer(fixture.type()).delete(List.of(viaConnector));
        fixture.deleteDirectly(viaSimulator);

        assertThat(deleted.get(0).succeeded()).as("%s", deleted.get(0).error()).isTrue();
        Map<String, SourceRecord> all = readAllById(c);
        assertThat(all).containsKey(keptId).doesNotContainKeys(viaConnector, viaSimulator);
        List<SourceRecord> byIds = c.reader(fixture.type()).readByIds(List.of(keptId, viaConnector, viaSimulator), fixture.readFields());
        assertThat(byIds).extracting(SourceRecord::id).containsExactly(keptId);
        WriteResult again = c.writer(fixture.type()).delete(List.of(viaConnector)).get(0);
        assertThat(again.succeeded()).isFalse();
        assertThat(again.error().orElseThrow().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void pagedFullScanMissesNoRecordThatExistedThroughoutWhileRecordsAreInsertedMidScan() {
        int pageSize = fixture.pagingPageSize();
        int count = fixture.pagingRecords();
        Connector c = connector(pageSize);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(unique("Page" + i));
        }
        Set<String> existing = new HashSet<>(fixture.insertDirectly(names));
        assertThat(existing).hasSize(count);
        Set<String> seen = new HashSet<>();
        Set<String> insertedMidScan = new HashSet<>();
        int[] pages = {0};
        int middle = Math.max(2, count / pageSize / 2);

        ReadSummary summary = c.reader(fixture.type()).readAll(fixture.readFields(), page -> {
            pages[0]++;
            assertThat(page.size()).isLessThanOrEqualTo(pageSize);
            page.forEach(r -> seen.add(r.id()));
            if (pages[0] == 1 || pages[0] == middle) {
                for (int i = 0; i < 5; i++) {
                    insertedMidScan.add(fixture.insertDirectly(unique("MidScan" + pages[0] + "-" + i)));
                }
            }
        });

        assertThat(insertedMidScan).hasSize(10);
        assertThat(seen).as("every record that existed throughout the scan").containsAll(existing);
        assertThat(summary.pages()).isEqualTo(pages[0]).isGreaterThanOrEqualTo(Math.max(3, count / pageSize));
        assertThat(summary.records()).isEqualTo(seen.size());
        assertThat(seen.size()).isLessThanOrEqualTo(count + insertedMidScan.size());
        assertThat(summary.complete()).isTrue();
    }

    @Test
    void tokenExpiryMidScanIsRecoveredWithoutLosingRecords() {
        Connector c = connector(5);
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            existing.add(fixture.insertDirectly(unique("Token" + i)));
        }
        Set<String> seen = new HashSet<>();
        ReadSummary summary = c.reader(fixture.type()).readAll(fixture.readFields(), page -> {
            page.forEach(r -> seen.add(r.id()));
            fixture.expireTokens();
        });
        assertThat(seen).containsAll(existing);
        assertThat(summary.complete()).isTrue();
        createOne(c, unique("AfterExpiry"));
    }

    @Test
    void a429StormIsRiddenOutWithBoundedRetries() {
        Connector c = connector();
        String id = fixture.insertDirectly(unique("Storm"));
        fixture.setFaults("throttle=0.5,seed=11");

        for (int i = 0; i < 4; i++) {
            WriteResult r = c.writer(fixture.type()).create(List.of(fixture.validCreate(key(), unique("Storm" + i)))).get(0);
            assertThat(r.succeeded()).as("%s", r.error()).isTrue();
        }
        assertThat(c.reader(fixture.type()).readByIds(List.of(id), fixture.readFields())).hasSize(1);
        fixture.setFaults("");
        assertThat(c.usage().throttled()).isGreaterThan(0);
        assertThat(c.usage().retries()).isGreaterThanOrEqualTo(c.usage().throttled());
        assertThat(readAllById(c)).hasSize(5);
    }

    @Test
    void serverErrorsAreRetriedAndTheWorkCompletes() {
        Connector c = connector();
        fixture.setFaults("error=0.5,seed=5");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WriteResult r = c.writer(fixture.type()).create(List.of(fixture.validCreate(key(), unique("Err" + i)))).get(0);
            assertThat(r.succeeded()).as("%s", r.error()).isTrue();
            ids.add(r.id().orElseThrow());
        }
        Map<String, SourceRecord> all = new java.util.HashMap<>();
        c.reader(fixture.type()).readAll(fixture.readFields(), page -> page.forEach(r -> all.put(r.id(), r)));
        fixture.setFaults("");
        assertThat(all.keySet()).containsAll(ids);
        assertThat(c.usage().retries()).isGreaterThan(0);
    }

    @Test
    void aBodyThatStallsForeverFailsTheReadWithinBoundedTimeNamingTheSystem() {
        Connector c = connector();
        String id = fixture.insertDirectly(unique("Stall"));
        fixture.setFaults("stall=1");
        long started = System.nanoTime();

        assertThatThrownBy(() -> c.reader(fixture.type()).readByIds(List.of(id), fixture.readFields()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.RETRYABLE);
                    assertThat(e.system()).isEqualTo(fixture.system());
                    assertThat(e.getMessage()).contains(fixture.system());
                });
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        fixture.setFaults("");
        assertThat(c.reader(fixture.type()).readByIds(List.of(id), fixture.readFields())).hasSize(1);
    }

    @Test
    void aMalformedBodyIsAConnectorExceptionNotACrash() throws IOException {
        HttpServer broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"data\":[{\"Id\":1,\"Name\":\"trunc".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        broken.start();
        try {
            Connector c = fixture.connectorWithApiBase(URI.create("http://127.0.0.1:" + broken.getAddress().getPort() + "/v2"));
            connectors.add(c);
            assertThatThrownBy(() -> c.reader(fixture.type()).readAll(fixture.readFields(), page -> { }))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage()).contains(fixture.system()));
            assertThatThrownBy(() -> c.reader(fixture.type()).readByIds(List.of("1"), fixture.readFields()))
                    .isInstanceOf(ConnectorException.class);
        } finally {
            broken.stop(0);
        }
    }

    @Test
    void anInvalidRecordInABatchFailsPermanentlyWhileTheOthersAreCreated() {
        Connector c = connector();
        CreateRequest good1 = fixture.validCreate(key(), unique("Good1"));
        CreateRequest bad = fixture.invalidCreate(key());
        CreateRequest good2 = fixture.validCreate(key(), unique("Good2"));

        List<WriteResult> results = c.writer(fixture.type()).create(List.of(good1, bad, good2));

        assertThat(results).extracting(WriteResult::request)
                .containsExactly(good1.idempotencyKey(), bad.idempotencyKey(), good2.idempotencyKey());
        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(2).succeeded()).isTrue();
        assertThat(results.get(1).succeeded()).isFalse();
        var error = results.get(1).error().orElseThrow();
        assertThat(error.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(error.system()).isEqualTo(fixture.system());
        assertThat(error.record()).isEqualTo(bad.idempotencyKey());
        assertThat(error.message()).isNotBlank();
        assertThat(readAllById(c)).hasSize(2);
    }

    /**
     * On every create path: the create is applied but its answer is lost (only that POST is cut, so the connector's
     * own look-ups get through). The connector may settle the outcome itself (then it reports the id) or report
     * {@link ErrorKind#UNKNOWN_OUTCOME}, never a failure that would make the engine give up or repeat blindly. Then the
     * engine's protocol: {@code findCreated}, and create again only if it is not found. The record exists exactly once.
     */
    @TestFactory
    Stream<DynamicTest> aCreateWhoseAnswerIsLostExistsExactlyOnceAfterTheEnginesLookUpAndRetryOnEveryCreatePath() {
        List<CreatePath> paths = fixture.createPaths();
        assertThat(paths).as("the fixture names its create paths").isNotEmpty();
        assertThat(paths).extracting(CreatePath::type).as("the kit's main type is among them").contains(fixture.type());
        return paths.stream().map(path -> DynamicTest.dynamicTest(path.label(), () -> lostAnswerOn(path)));
    }

    private void lostAnswerOn(CreatePath path) throws IOException {
        try (RecordingProxy proxy = RecordingProxy.inFrontOf(fixture.apiBase())) {
            proxy.policy(RecordingProxy.dropAnswerOfFirst(r -> r.method().equals("POST")));
            Connector c = path.connector().apply(proxy.via(fixture.apiBase()));
            connectors.add(c);
            RecordWriter writer = c.writer(path.type());
            String name = unique("Lost");
            CreateRequest request = path.create().apply(key(), name);
            Instant before = fixture.now();
            long writtenBefore = fixture.serverRecordsWritten();

            WriteResult first = writer.create(List.of(request)).get(0);

            assertThat(proxy.dropped()).as("%s: the create was forwarded (applied) and its answer cut", path).isEqualTo(1);
            assertThat(path.countOnServer().applyAsLong(name)).as("%s: records named %s after the first call", path, name)
                    .isEqualTo(1);
            assertThat(first.request()).isEqualTo(request.idempotencyKey());
            if (first.succeeded()) {
                assertThat(first.id()).as("%s: a create settled inside the call reports the id", path).isPresent();
            } else {
                assertThat(first.error().orElseThrow().kind()).as("%s: %s", path, first.error().get().describe())
                        .isEqualTo(ErrorKind.UNKNOWN_OUTCOME);
            }

            // the engine's protocol: look the create up, and repeat it only if it is not there
            Optional<SourceRecord> found = writer.findCreated(request, before);
            String id;
            if (found.isPresent()) {
                assertThat(found.get().field(path.nameField())).isEqualTo(name);
                id = found.get().id();
            } else {
                WriteResult again = writer.create(List.of(request)).get(0);
                assertThat(again.succeeded()).as("%s: repeated create %s", path, again.error()).isTrue();
                id = again.id().orElseThrow();
            }

            if (first.succeeded()) {
                assertThat(id).as("%s: the record found is the one the create reported", path).isEqualTo(first.id().get());
            }
            assertThat(path.countOnServer().applyAsLong(name)).as("%s: records named %s on the server", path, name)
                    .isEqualTo(1);
            assertThat(fixture.serverRecordsWritten() - writtenBefore).as("%s: records the server wrote", path).isEqualTo(1);
            assertThat(writer.findCreated(path.create().apply(key(), unique("NeverSent")), before))
                    .as("%s: a create never sent is not found", path).isEmpty();
        }
    }

    /**
     * {@link RecordWriter#idempotencyKeyField()} says on each create path what the fixture expects, and where it names
     * a field, its contract holds: the key is stored there, the create is found by it after the record was renamed,
     * and creating again with the same key makes no second record.
     */
    @TestFactory
    Stream<DynamicTest> aWriterThatNamesAnIdempotencyKeyFieldStoresTheKeyThereAndIsFoundByItAfterAnEdit() {
        return fixture.createPaths().stream().map(path -> DynamicTest.dynamicTest(path.label(), () -> keyedCreateOn(path)));
    }

    private void keyedCreateOn(CreatePath path) {
        Connector c = path.connector().apply(fixture.apiBase());
        connectors.add(c);
        RecordWriter writer = c.writer(path.type());
        assertThat(writer.idempotencyKeyField()).as("%s: idempotency key field", path).isEqualTo(Optional.ofNullable(path.keyField()));
        if (writer.idempotencyKeyField().isEmpty()) {
            return;
        }
        String field = writer.idempotencyKeyField().get();
        String key = key();
        String name = unique("Keyed");
        CreateRequest request = path.create().apply(key, name);
        Instant before = fixture.now();
        WriteResult created = writer.create(List.of(request)).get(0);
        assertThat(created.succeeded()).as("%s: %s", path, created.error()).isTrue();
        String id = created.id().orElseThrow();
        String renamed = unique("Renamed");
        WriteResult edit = writer.update(List.of(new UpdateRequest(id, Map.of(path.nameField(), renamed)))).get(0);
        assertThat(edit.succeeded()).as("%s: %s", path, edit.error()).isTrue();

        SourceRecord read = c.reader(path.type()).readByIds(List.of(id), Set.of(field, path.nameField())).get(0);
        assertThat(read.field(field)).as("%s: the key is stored in %s", path, field).isEqualTo(key);
        assertThat(writer.findCreated(request, before)).as("%s: found by its key after the rename", path)
                .map(SourceRecord::id).contains(id);
        WriteResult again = writer.create(List.of(request)).get(0);
        if (again.succeeded()) {
            assertThat(again.id()).as("%s: a repeated create names the first record", path).contains(id);
        }
        assertThat(path.countOnServer().applyAsLong(name)).as("%s: no second record with the same key", path).isZero();
        assertThat(path.countOnServer().applyAsLong(renamed)).isEqualTo(1);
    }

    @Test
    void checkAccessSucceedsAgainstTheSimulatorAndUsageCountsCalls() {
        Connector c = connector();
        c.checkAccess();
        assertThat(c.usage().system()).isEqualTo(fixture.system());
        assertThat(c.usage().calls()).isGreaterThan(0);
        assertThat(c.types()).contains(fixture.type());
        assertThatThrownBy(() -> c.reader("NoSuchType")).isInstanceOf(IllegalArgumentException.class);
    }
}
