package io.tolk.zoho;

import io.tolk.api.conformance.RecordingProxy;
import io.tolk.api.Checkpoint;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZohoReaderTest {

    private static ZohoSim sim;
    private ZohoConnector connector;

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
        sim.clock.set(Instant.parse("2025-03-01T10:00:00Z"));
        sim.proxy.clear();
        connector = sim.connector();
    }

    private List<SourceRecord> readAll(RecordReader r, Set<String> fields, ReadSummary[] summary) {
        List<SourceRecord> out = new ArrayList<>();
        summary[0] = r.readAll(fields, out::addAll);
        return out;
    }

    private List<SourceRecord> changes(Checkpoint since, ReadSummary[] summary) {
        List<SourceRecord> out = new ArrayList<>();
        summary[0] = connector.reader("Accounts").readChanges(since, Set.of("Account_Name"), out::addAll);
        return out;
    }

    @Test
    void readAllPagesWithPageTokensPastTheFirstTwoThousandRecords() {
        String[] records = IntStream.range(0, 2_450).mapToObj(i -> "{\"Account_Name\":\"Firma " + i + " AS\"}")
                .toArray(String[]::new);
        Set<String> loaded = new HashSet<>(sim.fixtures("Accounts", records));
        ReadSummary[] s = new ReadSummary[1];

        List<SourceRecord> read = readAll(connector.reader("Accounts"), Set.of("Account_Name"), s);

        assertThat(read).hasSize(2_450);
        assertThat(read.stream().map(SourceRecord::id).collect(Collectors.toSet())).isEqualTo(loaded);
        assertThat(s[0].complete()).isTrue();
        assertThat(s[0].pages()).isEqualTo(13);
        assertThat(sim.proxy.captured().stream().filter(r -> r.rawQuery() != null && r.rawQuery().contains("page_token")))
                .hasSize(12);
        assertThat(sim.proxy.captured()).noneMatch(r -> r.rawQuery() != null && r.rawQuery().matches("(.*&)?page=.*"));
    }

    @Test
    void readsAskForExplicitFieldsAndFlattenTheAccountLookupOfContacts() {
        String account = sim.fixtures("Accounts", "{\"Account_Name\":\"Fjord AS\"}").get(0);
        sim.fixtures("Contacts", "{\"Last_Name\":\"Nordmann\",\"First_Name\":\"Kari\",\"Account_Name\":{\"id\":\"" + account + "\"}}");
        ReadSummary[] s = new ReadSummary[1];

        List<SourceRecord> read = readAll(connector.reader("Contacts"), Set.of("Last_Name", "Account_Name.id", "Account_Name.name"), s);

        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.field("Last_Name")).isEqualTo("Nordmann");
            assertThat(r.field("Account_Name.id")).isEqualTo(account);
            assertThat(r.field("Account_Name.name")).isEqualTo("Fjord AS");
            assertThat(r.modifiedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        });
        String query = sim.proxy.captured().get(sim.proxy.captured().size() - 1).rawQuery();
        assertThat(query).containsPattern("fields=[A-Za-z_%2C]+&");
        String fields = query.replaceAll(".*fields=([^&]*).*", "$1").replace("%2C", ",");
        assertThat(fields.split(",")).containsExactlyInAnyOrder("Last_Name", "Account_Name", "Modified_Time", "Modified_By");
    }

    @Test
    void moreThanFiftyFieldsAreRefusedBeforeAnyCall() {
        Set<String> fields = IntStream.range(0, 51).mapToObj(i -> "Field_" + i).collect(Collectors.toCollection(LinkedHashSet::new));

        assertThatThrownBy(() -> connector.reader("Accounts").readAll(fields, p -> { }))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
                    assertThat(e.getMessage()).contains("53 fields").contains("at most 50");
                });
    }

    @Test
    void aRecordModifiedInTheSameSecondAsTheCheckpointIsSeenExactlyOnce() {
        String a = sim.fixtures("Accounts", "{\"Account_Name\":\"A\"}").get(0);
        ReadSummary[] s = new ReadSummary[1];
        assertThat(changes(Checkpoint.NONE, s)).extracting(SourceRecord::id).containsExactly(a);
        Checkpoint first = s[0].next();

        // same second 10:00:00: a new record B, and nothing else changes
        String b = sim.fixtures("Accounts", "{\"Account_Name\":\"B\"}").get(0);
        List<SourceRecord> second = changes(first, s);
        assertThat(second).extracting(SourceRecord::id).containsExactly(b);
        Checkpoint afterSecond = s[0].next();

        // a later read with nothing new delivers nothing, though it re-reads the window
        assertThat(changes(afterSecond, s)).isEmpty();
        assertThat(s[0].next()).isEqualTo(afterSecond);
    }

    @Test
    void aSecondChangeToTheSameRecordWithinTheSameSecondIsDeliveredAgain() {
        String a = sim.fixtures("Accounts", "{\"Account_Name\":\"A\"}").get(0);
        ReadSummary[] s = new ReadSummary[1];
        changes(Checkpoint.NONE, s);

        sim.fixtures("Accounts", "{\"id\":\"" + a + "\",\"Account_Name\":\"A2\"}"); // same second, new content

        assertThat(changes(s[0].next(), s)).singleElement()
                .satisfies(r -> assertThat(r.field("Account_Name")).isEqualTo("A2"));
    }

    @Test
    void changeReadsUseIfModifiedSinceSortedByModifiedTimeAscendingAndMissNothingAfterIt() {
        sim.fixtures("Accounts", "{\"Account_Name\":\"Old\",\"Modified_Time\":\"2025-03-01T09:00:00+01:00\"}");
        ReadSummary[] s = new ReadSummary[1];
        changes(Checkpoint.NONE, s);
        Checkpoint cp = s[0].next();
        sim.clock.advance(Duration.ofSeconds(30));
        // written by a user in India: the offset differs, the instant is what counts
        String late = sim.fixtures("Accounts",
                "{\"Account_Name\":\"Late\",\"Modified_Time\":\"2025-03-01T15:30:20+05:30\"}").get(0);
        sim.proxy.clear();

        List<SourceRecord> read = changes(cp, s);

        assertThat(read).extracting(SourceRecord::id).containsExactly(late);
        assertThat(read.get(0).modifiedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:20Z"));
        RecordingProxy.Captured call = sim.proxy.captured().get(0);
        assertThat(call.header("if-modified-since")).isEqualTo("2025-03-01T07:59:58+00:00");
        assertThat(call.rawQuery()).contains("sort_by=Modified_Time").contains("sort_order=asc");
        assertThat(s[0].complete()).isFalse();
    }

    @Test
    void recordsChangedWhileAChangeReadPagesAreNotMissedAndNoUnchangedRecordIsSkipped() {
        String[] records = IntStream.range(0, 450).mapToObj(i -> "{\"Account_Name\":\"F" + i + "\",\"Modified_Time\":\""
                + Instant.parse("2025-03-01T08:00:00Z").plusSeconds(i) + "\"}").toArray(String[]::new);
        List<String> ids = sim.fixtures("Accounts", records);
        sim.clock.set(Instant.parse("2025-03-01T09:00:00Z"));
        List<SourceRecord> seen = new ArrayList<>();
        int[] pages = {0};

        connector.reader("Accounts").readChanges(Checkpoint.NONE, Set.of("Account_Name"), page -> {
            seen.addAll(page);
            if (++pages[0] == 1) { // one already read, one not yet read: both change now
                sim.fixtures("Accounts", "{\"id\":\"" + ids.get(10) + "\",\"Account_Name\":\"F10 changed\"}",
                        "{\"id\":\"" + ids.get(300) + "\",\"Account_Name\":\"F300 changed\"}");
            }
        });

        assertThat(seen.stream().map(SourceRecord::id).collect(Collectors.toSet())).containsAll(ids);
        assertThat(seen).filteredOn(r -> r.id().equals(ids.get(10))).extracting(r -> r.field("Account_Name"))
                .containsExactly("F10", "F10 changed");
        assertThat(seen).filteredOn(r -> r.id().equals(ids.get(300))).extracting(r -> r.field("Account_Name"))
                .containsExactly("F300 changed");
    }

    @Test
    void noChangesIsANotModifiedAnswerAndKeepsTheCheckpoint() {
        sim.fixtures("Accounts", "{\"Account_Name\":\"A\",\"Modified_Time\":\"2025-03-01T09:00:00+01:00\"}");
        ReadSummary[] s = new ReadSummary[1];
        changes(Checkpoint.NONE, s);
        Checkpoint cp = s[0].next();
        sim.clock.advance(Duration.ofHours(1));
        sim.adminPost("/reset", "{}"); // nothing at all any more: Zoho answers 304 to If-Modified-Since

        assertThat(changes(cp, s)).isEmpty();
        assertThat(s[0].next()).isEqualTo(cp);
        assertThat(s[0].records()).isZero();
    }

    @Test
    void changeReadPagesPastTwoThousandRecordsWithoutDuplicates() {
        String[] records = IntStream.range(0, 2_100).mapToObj(i -> "{\"Account_Name\":\"F" + i + "\",\"Modified_Time\":\"2025-03-01T0"
                + (i % 10) + ":00:00+00:00\"}").toArray(String[]::new);
        sim.fixtures("Accounts", records);
        ReadSummary[] s = new ReadSummary[1];

        List<SourceRecord> read = changes(Checkpoint.NONE, s);

        assertThat(read).hasSize(2_100);
        assertThat(read.stream().map(SourceRecord::id).distinct().count()).isEqualTo(2_100);
        assertThat(read).extracting(SourceRecord::modifiedAt).isSorted();
        assertThat(s[0].complete()).isTrue();
    }

    @Test
    void readAllPastZohosTokenPagingLimitContinuesWithoutLosingOrRepeatingARecord() {
        String[] records = IntStream.range(0, 1_234).mapToObj(i -> "{\"Account_Name\":\"F" + i + "\",\"Modified_Time\":\""
                + Instant.parse("2025-03-01T08:00:00Z").plusSeconds((i * 7919L) % 3600) + "\"}").toArray(String[]::new);
        Set<String> loaded = new HashSet<>(sim.fixtures("Accounts", records));
        sim.sim.setTokenPagingLimit(500); // as Zoho's 100 000, but cheaper to reach
        try {
            ReadSummary[] s = new ReadSummary[1];
            List<SourceRecord> read = readAll(connector.reader("Accounts"), Set.of("Account_Name"), s);

            assertThat(read).hasSize(1_234);
            assertThat(read.stream().map(SourceRecord::id).collect(Collectors.toSet())).isEqualTo(loaded);
            assertThat(s[0].complete()).isTrue();
        } finally {
            sim.sim.setTokenPagingLimit(100_000);
        }
    }

    @Test
    void aChangeReadPastZohosTokenPagingLimitRestartsFromItsHighWaterMark() {
        String[] records = IntStream.range(0, 1_234).mapToObj(i -> "{\"Account_Name\":\"F" + i + "\",\"Modified_Time\":\""
                + Instant.parse("2025-03-01T08:00:00Z").plusSeconds(i / 3) + "\"}").toArray(String[]::new);
        Set<String> loaded = new HashSet<>(sim.fixtures("Accounts", records));
        sim.sim.setTokenPagingLimit(500);
        try {
            ReadSummary[] s = new ReadSummary[1];
            List<SourceRecord> read = changes(Checkpoint.NONE, s);

            assertThat(read).hasSize(1_234);
            assertThat(read.stream().map(SourceRecord::id).collect(Collectors.toSet())).isEqualTo(loaded);
            assertThat(sim.proxy.captured().stream().filter(r -> r.header("if-modified-since") != null).count())
                    .as("chains restarted with If-Modified-Since").isGreaterThanOrEqualTo(2);
        } finally {
            sim.sim.setTokenPagingLimit(100_000);
        }
    }

    @Test
    void readByIdsOmitsIdsThatDoNotExistAndAsksAtMostAHundredPerCall() {
        List<String> ids = sim.fixtures("Accounts", IntStream.range(0, 150)
                .mapToObj(i -> "{\"Account_Name\":\"F" + i + "\"}").toArray(String[]::new));
        List<String> asked = new ArrayList<>(ids);
        asked.add("4876876000999999999");
        sim.proxy.clear();

        List<SourceRecord> read = connector.reader("Accounts").readByIds(asked, Set.of("Account_Name"));

        assertThat(read).extracting(SourceRecord::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sim.proxy.captured().stream().filter(r -> r.path().equals("/crm/v8/Accounts"))).hasSize(2);
    }

    @Test
    void theDeletedFeedListsADeletionAsRestorable() {
        String id = sim.fixtures("Accounts", "{\"Account_Name\":\"Gone AS\"}").get(0);
        Instant before = sim.clock.instant();
        sim.clock.advance(Duration.ofSeconds(5));
        assertThat(connector.writer("Accounts").delete(List.of(id))).singleElement()
                .satisfies(r -> assertThat(r.succeeded()).isTrue());

        var page = connector.deletedFeed().orElseThrow().deletedSince("Accounts", new io.tolk.api.Checkpoint(before.toString()));

        assertThat(page.next().value()).as("the feed resumes from the newest deletion").isEqualTo(before.plusSeconds(5).toString());
        assertThat(page.deletions()).singleElement().satisfies(d -> {
            assertThat(d.ref().id()).isEqualTo(id);
            assertThat(d.restorable()).isTrue();
            assertThat(d.deletedAt()).isEqualTo(before.plusSeconds(5));
        });
        assertThat(connector.reader("Accounts").readByIds(List.of(id), Set.of("Account_Name"))).isEmpty();
        assertThat(connector.deletedFeed().orElseThrow().deletedSince("Accounts",
                new io.tolk.api.Checkpoint(before.plusSeconds(6).toString())).deletions()).isEmpty();
    }

    @Test
    void fieldRulesComeFromTheOrgsFieldMetadataReadOnce() {
        Map<String, io.tolk.api.FieldRule> rules = connector.fieldRules("Contacts");
        connector.fieldRules("Contacts");

        assertThat(rules.get("Last_Name").mandatory()).isTrue();
        assertThat(rules.get("Last_Name").maxLength()).isEqualTo(80);
        assertThat(rules.get("Email").dataType()).isEqualTo("email");
        assertThat(rules).containsKey("Account_Name.id");
        assertThat(sim.proxy.captured().stream().filter(r -> r.path().equals("/crm/v8/settings/fields"))).hasSize(1);
    }
}
