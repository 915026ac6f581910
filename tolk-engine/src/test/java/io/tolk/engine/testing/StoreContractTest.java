package io.tolk.engine.testing;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.LockLostException;
import io.tolk.engine.store.EchoExpectation;
import io.tolk.engine.store.MatchHolder;
import io.tolk.engine.store.ReviewOrigin;
import io.tolk.engine.store.RunOutcome;
import io.tolk.engine.store.StreamKey;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.WriteIntent;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.Pruned;
import io.tolk.engine.store.Retention;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.store.StatusTally;
import io.tolk.engine.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Store} must do. An implementation's test extends this and says how to make a fresh, empty store
 * on the given clock (the lock's expiry is judged by it).
 */
public abstract class StoreContractTest {

    protected final TestClock clock = new TestClock();
    protected Store store;
    protected ConnectionStore db;

    /** A new, empty store using {@code clock} for lock expiry. */
    protected abstract Store newStore(TestClock clock);

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final RecordRef PO_1 = new RecordRef("poweroffice", "CompanyCustomer", "1");
    private static final RecordRef PO_2 = new RecordRef("poweroffice", "CompanyCustomer", "2");
    private static final RecordRef Z_1 = new RecordRef("zoho", "Accounts", "9001");

    @BeforeEach
    void openStore() {
        store = newStore(clock);
        db = store.connection("acme");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Map<String, String> values(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Snapshot snapshot(RecordRef ref, String hash) {
        Map<String, Instant> fieldTimes = new HashMap<>();
        fieldTimes.put("MailAddress.City", T0.minusSeconds(60));
        return new Snapshot(ref, hash, values("Name", "Fjellvind AS", "MailAddress.City", null), T0, fieldTimes, false);
    }

    // ---------------------------------------------------------------- snapshots

    @Test
    void snapshotRoundTripsWithNullValuesAndFieldInstants() {
        db.putSnapshot(snapshot(PO_1, "h1"));

        Snapshot read = db.snapshot(PO_1).orElseThrow();
        assertThat(read.hash()).isEqualTo("h1");
        assertThat(read.fields()).containsEntry("Name", "Fjellvind AS").containsEntry("MailAddress.City", null);
        assertThat(read.modifiedAt()).isEqualTo(T0);
        assertThat(read.fieldModifiedAt()).containsEntry("MailAddress.City", T0.minusSeconds(60));
        assertThat(read.processed()).isFalse();
    }

    @Test
    void snapshotsAreListedPerSystemTypeOrderedById() {
        db.putSnapshot(snapshot(PO_2, "h2"));
        db.putSnapshot(snapshot(PO_1, "h1"));
        db.putSnapshot(snapshot(Z_1, "z"));

        assertThat(db.snapshots("poweroffice", "CompanyCustomer", null, 10)).extracting(Snapshot::ref).containsExactly(PO_1, PO_2);
        assertThat(db.snapshots("poweroffice", "CompanyCustomer", null, 1)).extracting(Snapshot::ref).containsExactly(PO_1);
        assertThat(db.snapshots("poweroffice", "CompanyCustomer", "1", 10)).extracting(Snapshot::ref).containsExactly(PO_2);
        assertThat(db.snapshots("zoho", "Accounts", null, 10)).extracting(Snapshot::ref).containsExactly(Z_1);
        assertThat(db.snapshots("zoho", "Contacts", null, 10)).isEmpty();
        assertThat(db.countSnapshots("poweroffice", List.of("CompanyCustomer", "PersonCustomer"))).isEqualTo(2);
    }

    @Test
    void markProcessedOnlyWhenTheHashIsStillTheSame() {
        db.putSnapshot(snapshot(PO_1, "h1"));
        db.markProcessed(PO_1, "old");
        assertThat(db.snapshot(PO_1).orElseThrow().processed()).isFalse();

        db.markProcessed(PO_1, "h1");
        assertThat(db.snapshot(PO_1).orElseThrow().processed()).isTrue();

        db.markProcessed(PO_2, "h1");
        assertThat(db.snapshot(PO_2)).isEmpty();
    }

    @Test
    void snapshotIsReplacedAndRemoved() {
        db.putSnapshot(snapshot(PO_1, "h1"));
        db.putSnapshot(snapshot(PO_1, "h2"));
        assertThat(db.snapshot(PO_1).orElseThrow().hash()).isEqualTo("h2");

        db.removeSnapshot(PO_1);
        assertThat(db.snapshot(PO_1)).isEmpty();
    }

    // ---------------------------------------------------------------- entities and links

    @Test
    void entityKeepsBaselineWithNullValuesAndForcedValues() {
        Entity e = new Entity("e1", "organization", "F1", values("organization.name", "Fjellvind AS", "organization.phone", null),
                values("organization.website", "fjellvind.no"), T0, T0.plusSeconds(5));
        db.putEntity(e);

        assertThat(db.entity("e1")).contains(e);
        assertThat(db.entity("e1").orElseThrow().baseline()).containsEntry("organization.phone", null);
        assertThat(db.entities(null, 10)).containsExactly(e);
        assertThat(db.entities(List.of("e1", "nope"))).containsOnlyKeys("e1");

        db.removeEntity("e1");
        assertThat(db.entity("e1")).isEmpty();
    }

    @Test
    void linksAreFoundByRefAndByEntity() {
        Link po = new Link(PO_1, "e1", LinkState.ACTIVE, values("Name", "A", "PhoneNumber", null), values("Name", "A"),
                T0, EchoExpectation.EXACT, T0);
        Link z = Link.fresh(Z_1, "e1", T0);
        db.putLink(z);
        db.putLink(po);
        db.putLink(Link.fresh(PO_2, "e2", T0));

        assertThat(db.link(PO_1)).contains(po);
        assertThat(db.link(PO_1).orElseThrow().lastSeen()).containsEntry("PhoneNumber", null);
        assertThat(db.linksOf("e1")).containsExactly(po, z);
        assertThat(db.links(null, 10)).extracting(Link::ref).containsExactly(PO_1, PO_2, Z_1);
        assertThat(db.links(PO_1, 10)).extracting(Link::ref).containsExactly(PO_2, Z_1);
        assertThat(db.links(List.of(PO_1, Z_1, new RecordRef("zoho", "Accounts", "0")))).containsOnlyKeys(PO_1, Z_1);
        assertThat(db.linksOf(List.of("e1", "e2", "e3")).get("e1")).containsExactly(po, z);
        assertThat(db.linksOf(List.of("e1", "e2", "e3"))).containsOnlyKeys("e1", "e2");
        assertThat(db.link(PO_1).orElseThrow().echo()).isEqualTo(EchoExpectation.EXACT);
        assertThat(db.countLinkedEntities()).isEqualTo(1);

        db.putLink(z.withState(LinkState.DELETED_IN_SOURCE));
        assertThat(db.link(Z_1).orElseThrow().state()).isEqualTo(LinkState.DELETED_IN_SOURCE);

        db.removeLink(Z_1);
        assertThat(db.link(Z_1)).isEmpty();
        assertThat(db.linksOf("e1")).containsExactly(po);
    }

    // ---------------------------------------------------------------- intents, checkpoints

    @Test
    void intentsAreListedByStateOldestFirst() {
        WriteIntent a = new WriteIntent("tolk-a", PO_1, "zoho", "Accounts", "e1", values("Account_Name", "A"), T0, IntentState.PENDING, null);
        WriteIntent b = new WriteIntent("tolk-b", PO_2, "zoho", "Accounts", "e2", values("Account_Name", "B"), T0.plusSeconds(1), IntentState.PENDING, null);
        db.putIntent(a);
        db.putIntent(b);
        db.putIntent(a.with(IntentState.DONE, "9001"));

        assertThat(db.intents(IntentState.PENDING)).containsExactly(b);
        assertThat(db.intents(IntentState.DONE)).extracting(WriteIntent::resultId).containsExactly("9001");
        assertThat(db.intent("tolk-a").orElseThrow().fields()).containsEntry("Account_Name", "A");
        assertThat(db.intent("nope")).isEmpty();
    }

    @Test
    void updateAndDeleteIntentsKeepTheirOperationAndTargetAndStoreInOneChangeSet() {
        WriteIntent update = WriteIntent.update("u-1", PO_1, Z_1, "e1", values("Phone", "200", "Website", null), T0);
        WriteIntent retire = WriteIntent.delete("d-1", Z_1, PO_2, "e2", values("IsArchived", "true"), T0.plusSeconds(1));
        WriteIntent delete = WriteIntent.delete("d-2", PO_2, Z_1, "e1", Map.of(), T0.plusSeconds(2));
        db.apply(ChangeSet.builder().intent(update).intent(retire).intent(delete).build());

        assertThat(db.intents(IntentState.PENDING)).containsExactly(update, retire, delete);
        WriteIntent back = db.intent("u-1").orElseThrow();
        assertThat(back.operation()).isEqualTo(io.tolk.api.WriteOperation.UPDATE);
        assertThat(back.target()).isEqualTo(Z_1);
        assertThat(back.fields()).containsEntry("Website", null).containsKeys("Phone");
        assertThat(db.intent("d-2").orElseThrow().fields()).isEmpty();
        assertThat(db.entitiesWithPendingIntent(List.of("e1", "e2", "e3"))).containsExactlyInAnyOrder("e1", "e2");

        db.apply(ChangeSet.builder().intent(update.with(IntentState.DONE, null))
                .intent(delete.with(IntentState.FAILED, null)).build());

        assertThat(db.intents(IntentState.PENDING)).containsExactly(retire);
        assertThat(db.intents(IntentState.DONE)).extracting(WriteIntent::operation, WriteIntent::targetId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(io.tolk.api.WriteOperation.UPDATE, "9001"));
        assertThat(db.entitiesWithPendingIntent(List.of("e1", "e2"))).containsExactly("e2");
    }

    @Test
    void checkpointIsNoneUntilStoredAndKeptPerSystemAndStream() {
        assertThat(db.checkpoint(StreamKey.records("zoho", "Accounts"))).isEqualTo(Checkpoint.NONE);
        db.putCheckpoint(StreamKey.records("zoho", "Accounts"), new Checkpoint("2026-03-02T08:00:00Z"));
        db.putCheckpoint(StreamKey.deletions("zoho", "Accounts"), new Checkpoint("x"));

        assertThat(db.checkpoint(StreamKey.records("zoho", "Accounts")).value()).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(db.checkpoint(StreamKey.deletions("zoho", "Accounts")).value()).isEqualTo("x");
        assertThat(db.checkpoint(StreamKey.records("poweroffice", "Accounts"))).isEqualTo(Checkpoint.NONE);
    }

    // ---------------------------------------------------------------- failures, conflicts, reviews

    @Test
    void failureOfTheSameRecordAndTargetIsReplacedKeepingItsId() {
        Failure first = db.putFailure(new Failure(0, PO_1, "zoho", "too long", 1, T0, T0, T0.plusSeconds(60), "h1"));
        Failure other = db.putFailure(new Failure(0, PO_2, "zoho", "bad", 1, T0, T0, T0, "h2"));
        Failure again = db.putFailure(new Failure(0, PO_1, "zoho", "still too long", 2, T0, T0.plusSeconds(60), T0.plusSeconds(180), "h1"));

        assertThat(first.id()).isPositive();
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(db.failures()).hasSize(2);
        assertThat(db.failure(first.id()).orElseThrow().reason()).isEqualTo("still too long");
        assertThat(db.failure(PO_1, "zoho").orElseThrow().attempts()).isEqualTo(2);
        assertThat(db.failure(PO_1, "poweroffice")).isEmpty();

        db.removeFailure(first.id());
        assertThat(db.failures()).extracting(Failure::record).containsExactly(PO_2);
    }

    @Test
    void conflictsAreListedNewestFirstAndCanBeMarkedRestored() {
        Conflict a = db.putConflict(new Conflict(0, "e1", "F1", "organization.name", "zoho", "B", "poweroffice", "A", "newer", T0, false));
        Conflict b = db.putConflict(new Conflict(0, "e2", "F1", "organization.phone", "poweroffice", "1", "zoho", null, "tie", T0, false));

        assertThat(db.conflicts(10)).extracting(Conflict::id).containsExactly(b.id(), a.id());
        assertThat(db.conflicts(1)).extracting(Conflict::id).containsExactly(b.id());
        assertThat(db.conflict(b.id()).orElseThrow().loserValue()).isNull();

        db.putConflict(a.asRestored());
        assertThat(db.conflict(a.id()).orElseThrow().restored()).isTrue();
        assertThat(db.conflicts(10)).hasSize(2);
    }

    @Test
    void reviewItemIsOnePerRecord() {
        ReviewItem first = db.putReview(new ReviewItem(0, Z_1, "F1", List.of(PO_1, PO_2), "2 matches", T0, ReviewOrigin.MATCHING));
        ReviewItem again = db.putReview(new ReviewItem(0, Z_1, "F1", List.of(PO_1), "still", T0.plusSeconds(1), ReviewOrigin.USER));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(db.reviews()).hasSize(1);
        assertThat(db.review(Z_1).orElseThrow().candidates()).containsExactly(PO_1);
        assertThat(db.review(Z_1).orElseThrow().origin()).isEqualTo(ReviewOrigin.USER);
        assertThat(db.reviews(List.of(Z_1, PO_1))).containsOnlyKeys(Z_1);
        assertThat(db.reviewsByFlow()).containsOnly(Map.entry("F1", 1L));

        db.removeReview(Z_1);
        assertThat(db.reviews()).isEmpty();
    }

    // ---------------------------------------------------------------- logs, fingerprint

    @Test
    void activityIsPerRecordNewestFirst() {
        db.appendActivity(new Activity(PO_1, T0, ActivityKind.LINKED, "to zoho/Accounts/9001"));
        db.appendActivity(new Activity(PO_2, T0, ActivityKind.CREATED, "x"));
        db.appendActivity(new Activity(PO_1, T0.plusSeconds(1), ActivityKind.UPDATED, "Name: A -> B"));

        assertThat(db.activity(PO_1, 10)).extracting(Activity::action).containsExactly("updated", "linked");
        assertThat(db.activity(PO_1, 1)).extracting(Activity::action).containsExactly("updated");
    }

    @Test
    void runsAreNewestFirstWithCounts() {
        RunRecord one = db.addRun(new RunRecord(0, T0, T0.plusSeconds(2), Map.of("F1.created", 3L), Map.of("zoho", 4L), RunOutcome.OK, null));
        RunRecord two = db.addRun(new RunRecord(0, T0.plusSeconds(60), T0.plusSeconds(61), Map.of(), Map.of(), RunOutcome.FAILED, "zoho: 503"));

        assertThat(two.id()).isGreaterThan(one.id());
        assertThat(db.runs(10)).extracting(RunRecord::outcome).containsExactly(RunOutcome.FAILED, RunOutcome.OK);
        assertThat(db.runs(10).get(0).error()).isEqualTo("zoho: 503");
        assertThat(db.runs(10).get(1).counts()).containsEntry("F1.created", 3L);
        assertThat(db.runs(10).get(1).apiCalls()).containsEntry("zoho", 4L);
    }

    @Test
    void mappingFingerprintIsEmptyUntilStored() {
        assertThat(db.mappingFingerprint()).isEmpty();
        db.putMappingFingerprint("abc");
        db.putMappingFingerprint("def");
        assertThat(db.mappingFingerprint()).contains("def");
    }

    // ---------------------------------------------------------------- housekeeping

    private static final RecordRef PO_3 = new RecordRef("poweroffice", "PersonCustomer", "3");
    private static final RecordRef Z_2 = new RecordRef("zoho", "Contacts", "9002");
    private static final Duration DAY = Duration.ofDays(1);

    private void history(RecordRef record, Instant at, String detail) {
        db.appendActivity(new Activity(record, at, ActivityKind.UPDATED, detail));
    }

    private RunRecord run(Instant startedAt) {
        return db.addRun(new RunRecord(0, startedAt, startedAt.plusSeconds(5), Map.of(), Map.of(), RunOutcome.OK, null));
    }

    @Test
    void runsStartedBeforeTheCutoffArePrunedButTheNewestRunIsAlwaysKept() {
        RunRecord old = run(T0);
        RunRecord edge = run(T0.plus(DAY));
        RunRecord recent = run(T0.plus(DAY.multipliedBy(2)));

        Pruned pruned = db.prune(new Retention(T0.plus(DAY), null, 0));

        assertThat(pruned).isEqualTo(new Pruned(1, 0, 0, 0));
        assertThat(db.runs(10)).extracting(RunRecord::id).containsExactly(recent.id(), edge.id());

        Pruned everything = db.prune(new Retention(T0.plus(DAY.multipliedBy(30)), null, 0));
        assertThat(everything.runs()).isEqualTo(1);
        assertThat(db.runs(10)).as("the newest run stays, however old").extracting(RunRecord::id).containsExactly(recent.id());
        assertThat(old.id()).isLessThan(edge.id());
    }

    @Test
    void historyOlderThanTheCutoffIsPrunedExceptForRecordsAFailureAReviewOrAPendingCreateStillNeeds() {
        RecordRef plain = PO_1;
        RecordRef failing = PO_2;
        RecordRef reviewed = Z_1;
        RecordRef creating = PO_3;
        RecordRef created = Z_2;
        for (RecordRef r : List.of(plain, failing, reviewed, creating, created)) {
            history(r, T0, "old");
            history(r, T0.plus(DAY.multipliedBy(10)), "new");
        }
        db.putFailure(new Failure(0, failing, "zoho", "too long", 3, T0, T0, T0.plus(DAY), "h"));
        db.putReview(new ReviewItem(0, reviewed, "F1", List.of(PO_1), "2 matches", T0, ReviewOrigin.MATCHING));
        db.putIntent(new WriteIntent("tolk-p", creating, "zoho", "Contacts", "e3", values("Last_Name", "N"), T0,
                IntentState.PENDING, null));
        db.putIntent(new WriteIntent("tolk-d", created, "poweroffice", "PersonCustomer", "e4", values("LastName", "N"),
                T0.plus(DAY.multipliedBy(10)), IntentState.DONE, "77"));

        Pruned pruned = db.prune(new Retention(null, T0.plus(DAY), 0));

        assertThat(pruned.activity()).isEqualTo(2);
        assertThat(db.activity(plain, 10)).extracting(Activity::detail).containsExactly("new");
        assertThat(db.activity(created, 10)).as("a done intent protects nothing").extracting(Activity::detail).containsExactly("new");
        assertThat(db.activity(failing, 10)).extracting(Activity::detail).containsExactly("new", "old");
        assertThat(db.activity(reviewed, 10)).extracting(Activity::detail).containsExactly("new", "old");
        assertThat(db.activity(creating, 10)).extracting(Activity::detail).containsExactly("new", "old");
        assertThat(db.failures()).hasSize(1);
        assertThat(db.reviews()).hasSize(1);
        assertThat(db.intents(IntentState.PENDING)).extracting(WriteIntent::key).containsExactly("tolk-p");
        assertThat(db.intents(IntentState.DONE)).as("made after the cutoff").extracting(WriteIntent::key).containsExactly("tolk-d");
    }

    @Test
    void eachRecordKeepsOnlyItsNewestVersionsOfHistoryWhateverTheirAge() {
        for (int i = 0; i < 5; i++) {
            history(PO_1, T0.plusSeconds(i), "v" + i);
        }
        history(PO_1, T0.plusSeconds(4), "v4 again"); // same instant: the one appended last is the newer
        history(PO_2, T0, "only one");
        db.putFailure(new Failure(0, PO_1, "zoho", "still failing", 9, T0, T0, T0, "h"));

        Pruned pruned = db.prune(new Retention(null, null, 3));

        assertThat(pruned.activity()).as("even a record a failure needs keeps only its newest lines").isEqualTo(3);
        assertThat(db.activity(PO_1, 10)).extracting(Activity::detail).containsExactly("v4 again", "v4", "v3");
        assertThat(db.activity(PO_2, 10)).extracting(Activity::detail).containsExactly("only one");
    }

    @Test
    void prunableCountsExactlyWhatPruneThenRemovesAndRemovesNothingItself() {
        run(T0);
        run(T0.plus(DAY.multipliedBy(3)));
        for (int i = 0; i < 6; i++) {
            history(PO_1, T0.plus(DAY.multipliedBy(i)), "v" + i); // v0, v1 are both too old and beyond 3 versions
        }
        history(PO_2, T0, "old");
        db.putConflict(new Conflict(0, "e1", "F1", "organization.name", "zoho", "B", "poweroffice", "A", "newer", T0, false).asRestored());
        db.putIntent(new WriteIntent("tolk-f", PO_2, "zoho", "Accounts", "e2", values("Account_Name", "B"), T0,
                IntentState.FAILED, null));
        Retention retention = new Retention(T0.plus(DAY), T0.plus(DAY.multipliedBy(2)), 3);

        Pruned counted = db.prunable(retention);

        assertThat(counted).isEqualTo(new Pruned(1, 4, 1, 1));
        assertThat(db.runs(10)).hasSize(2);
        assertThat(db.activity(PO_1, 10)).hasSize(6);
        assertThat(db.prune(retention)).isEqualTo(counted);
        assertThat(db.activity(PO_1, 10)).extracting(Activity::detail).containsExactly("v5", "v4", "v3");
        assertThat(db.activity(PO_2, 10)).isEmpty();
        assertThat(db.prunable(retention)).isEqualTo(Pruned.NOTHING);
    }

    @Test
    void restoredConflictsOlderThanTheCutoffArePrunedAndOpenOnesAreKeptWhateverTheirAge() {
        Conflict open = db.putConflict(new Conflict(0, "e1", "F1", "organization.name", "zoho", "B", "poweroffice", "A", "newer", T0, false));
        Conflict restored = db.putConflict(new Conflict(0, "e2", "F1", "organization.phone", "zoho", "1", "poweroffice", "2", "tie", T0, false));
        db.putConflict(restored.asRestored());
        Conflict recent = db.putConflict(new Conflict(0, "e3", "F1", "organization.name", "zoho", "C", "poweroffice", "D", "newer",
                T0.plus(DAY.multipliedBy(5)), true));

        Pruned pruned = db.prune(new Retention(null, T0.plus(DAY), 0));

        assertThat(pruned.conflicts()).isEqualTo(1);
        assertThat(db.conflicts(10)).extracting(Conflict::id).containsExactly(recent.id(), open.id());
    }

    @Test
    void finishedCreateIntentsArePrunedAndPendingOnesNever() {
        db.putIntent(new WriteIntent("tolk-pending", PO_1, "zoho", "Accounts", "e1", values("Account_Name", "A"), T0,
                IntentState.PENDING, null));
        db.putIntent(new WriteIntent("tolk-done", PO_2, "zoho", "Accounts", "e2", values("Account_Name", "B"), T0,
                IntentState.DONE, "9009"));
        db.putIntent(new WriteIntent("tolk-failed", PO_3, "zoho", "Contacts", "e3", values("Last_Name", "C"), T0,
                IntentState.FAILED, null));

        Pruned pruned = db.prune(new Retention(null, T0.plus(DAY), 0));

        assertThat(pruned.intents()).isEqualTo(2);
        assertThat(db.intent("tolk-pending")).isPresent();
        assertThat(db.intent("tolk-done")).isEmpty();
        assertThat(db.intent("tolk-failed")).isEmpty();
    }

    @Test
    void pruningOneConnectionLeavesTheOthersHistoryAlone() {
        ConnectionStore other = store.connection("other");
        other.appendActivity(new Activity(PO_1, T0, ActivityKind.LINKED, "theirs"));
        other.addRun(new RunRecord(0, T0, T0, Map.of(), Map.of(), RunOutcome.OK, null));
        other.addRun(new RunRecord(0, T0, T0, Map.of(), Map.of(), RunOutcome.OK, null));
        history(PO_1, T0, "mine");
        run(T0);
        run(T0);

        db.prune(new Retention(T0.plus(DAY), T0.plus(DAY), 1));

        assertThat(other.activity(PO_1, 10)).extracting(Activity::detail).containsExactly("theirs");
        assertThat(other.runs(10)).hasSize(2);
        assertThat(db.activity(PO_1, 10)).isEmpty();
        assertThat(db.runs(10)).hasSize(1);
    }

    @Test
    void aRetentionThatKeepsEverythingPrunesNothing() {
        run(T0);
        run(T0);
        history(PO_1, T0, "a");
        history(PO_1, T0, "b");
        db.putConflict(new Conflict(0, "e1", "F1", "organization.name", "zoho", "B", "poweroffice", "A", "newer", T0, true));

        assertThat(db.prunable(Retention.keepAll())).isEqualTo(Pruned.NOTHING);
        assertThat(db.prune(Retention.keepAll())).isEqualTo(Pruned.NOTHING);
        assertThat(db.runs(10)).hasSize(2);
        assertThat(db.activity(PO_1, 10)).hasSize(2);
    }

    @Test
    void pruneRefusesToRunInsideATransaction() {
        assertThatThrownBy(() -> db.update(tx -> tx.prune(Retention.keepAll())))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- connections, transactions, lock

    @Test
    void connectionsAreIsolated() {
        db.putSnapshot(snapshot(PO_1, "h1"));
        ConnectionStore other = store.connection("other");

        assertThat(other.snapshot(PO_1)).isEmpty();
        assertThat(store.connections()).contains("acme");
    }

    @Test
    void transactionCommitsAllChangesTogether() {
        db.update(tx -> {
            tx.putEntity(new Entity("e1", "organization", "F1", values("organization.name", "A"), Map.of(), T0, T0));
            tx.putLink(Link.fresh(PO_1, "e1", T0));
            tx.putCheckpoint(StreamKey.records("zoho", "Accounts"), new Checkpoint("c1"));
            assertThat(tx.link(PO_1)).isPresent();
        });

        assertThat(db.entity("e1")).isPresent();
        assertThat(db.link(PO_1)).isPresent();
        assertThat(db.checkpoint(StreamKey.records("zoho", "Accounts")).value()).isEqualTo("c1");
    }

    @Test
    void transactionThatThrowsLeavesNothingBehind() {
        db.putCheckpoint(StreamKey.records("zoho", "Accounts"), new Checkpoint("before"));
        db.putSnapshot(snapshot(PO_1, "h1"));

        assertThatThrownBy(() -> db.update(tx -> {
            tx.putCheckpoint(StreamKey.records("zoho", "Accounts"), new Checkpoint("after"));
            tx.putLink(Link.fresh(PO_1, "e1", T0));
            tx.markProcessed(PO_1, "h1");
            tx.putFailure(new Failure(0, PO_1, "zoho", "x", 1, T0, T0, T0, "h1"));
            tx.appendActivity(new Activity(PO_1, T0, ActivityKind.LINKED, ""));
            throw new IllegalStateException("crash");
        })).isInstanceOf(IllegalStateException.class).hasMessage("crash");

        assertThat(db.checkpoint(StreamKey.records("zoho", "Accounts")).value()).isEqualTo("before");
        assertThat(db.link(PO_1)).isEmpty();
        assertThat(db.snapshot(PO_1).orElseThrow().processed()).isFalse();
        assertThat(db.failures()).isEmpty();
        assertThat(db.activity(PO_1, 10)).isEmpty();
    }

    @Test
    void nestedTransactionJoinsTheOuterOne() {
        assertThatThrownBy(() -> db.update(outer -> {
            outer.update(inner -> inner.putMappingFingerprint("inner"));
            throw new IllegalStateException("outer fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(db.mappingFingerprint()).isEmpty();
    }

    @Test
    void lockIsExclusiveUntilReleasedOrExpired() {
        assertThat(store.tryLock("acme", "worker-1", Duration.ofMinutes(5))).isTrue();
        assertThat(store.tryLock("acme", "worker-2", Duration.ofMinutes(5))).isFalse();
        assertThat(store.tryLock("other", "worker-2", Duration.ofMinutes(5))).isTrue();
        assertThat(store.tryLock("acme", "worker-1", Duration.ofMinutes(5))).as("re-entrant for its owner").isTrue();

        store.release("acme", "worker-2");
        assertThat(store.tryLock("acme", "worker-2", Duration.ofMinutes(5))).as("only the owner releases").isFalse();

        store.release("acme", "worker-1");
        assertThat(store.tryLock("acme", "worker-2", Duration.ofMinutes(5))).isTrue();

        clock.advance(Duration.ofMinutes(6));
        assertThat(store.tryLock("acme", "worker-3", Duration.ofMinutes(5))).as("expired").isTrue();
    }

    @Test
    void lockHolderNamesTheOwnerOfAnUnexpiredLockOnly() {
        assertThat(store.lockHolder("acme")).isEmpty();
        store.tryLock("acme", "worker-1", Duration.ofMinutes(5));

        assertThat(store.lockHolder("acme")).contains("worker-1");
        assertThat(store.lockHolder("other")).isEmpty();

        clock.advance(Duration.ofMinutes(6));
        assertThat(store.lockHolder("acme")).as("expired").isEmpty();
    }

    @Test
    void aLockIsTakenOverOnlyFromTheOwnerNamed() {
        store.tryLock("acme", "dead-worker", Duration.ofMinutes(5));

        assertThat(store.takeOverLock("acme", "someone-else", "worker-2", Duration.ofMinutes(5))).isFalse();
        assertThat(store.takeOverLock("acme", "dead-worker", "worker-2", Duration.ofMinutes(5))).isTrue();
        assertThat(store.lockHolder("acme")).contains("worker-2");
        assertThat(store.takeOverLock("acme", "dead-worker", "worker-3", Duration.ofMinutes(5)))
                .as("a second taker of the same dead owner loses").isFalse();
        assertThat(store.tryLock("acme", "worker-3", Duration.ofMinutes(5))).isFalse();
        assertThat(store.takeOverLock("free", "dead-worker", "worker-2", Duration.ofMinutes(5))).as("no lock to take").isFalse();
    }

    // ---------------------------------------------------------------- fenced writes

    @Test
    void fencedWritesLandWhileTheirOwnerHoldsTheLockEvenPastItsExpiry() {
        store.tryLock("acme", "worker-1", Duration.ofSeconds(5));
        try (Store.WriteFence fence = store.fenceWrites("acme", "worker-1", false)) {
            db.apply(ChangeSet.builder().snapshot(snapshot(PO_1, "h1")).build());
            clock.advance(Duration.ofMinutes(1));   // expired, but no one took it
            db.putSnapshot(snapshot(PO_2, "h2"));
        }
        assertThat(db.snapshot(PO_1)).isPresent();
        assertThat(db.snapshot(PO_2)).isPresent();
    }

    @Test
    void fencedWritesAreRefusedWholeOnceAnotherOwnerTookTheLockOver() {
        store.tryLock("acme", "worker-1", Duration.ofSeconds(5));
        try (Store.WriteFence fence = store.fenceWrites("acme", "worker-1", false)) {
            clock.advance(Duration.ofSeconds(6));
            assertThat(store.tryLock("acme", "worker-2", Duration.ofSeconds(5))).as("the lease ran out").isTrue();

            assertThatThrownBy(() -> db.apply(ChangeSet.builder().snapshot(snapshot(PO_1, "h1"))
                    .link(new Link(Z_1, "e1", LinkState.ACTIVE, Map.of(), Map.of(), T0, EchoExpectation.NONE, T0)).build()))
                    .isInstanceOf(LockLostException.class).hasMessageContaining("acme");
            assertThatThrownBy(() -> db.putSnapshot(snapshot(PO_2, "h2"))).isInstanceOf(LockLostException.class);
            assertThatThrownBy(() -> db.inTransaction(tx -> {
                tx.putSnapshot(snapshot(PO_2, "h2"));
                return null;
            })).isInstanceOf(LockLostException.class);
        }
        assertThat(db.snapshot(PO_1)).as("nothing of the refused change set").isEmpty();
        assertThat(db.link(Z_1)).isEmpty();
        assertThat(db.snapshot(PO_2)).isEmpty();
    }

    @Test
    void writesAreNotFencedOnceTheFenceIsClosedAndOtherConnectionsNever() {
        store.tryLock("acme", "worker-1", Duration.ofSeconds(5));
        Store.WriteFence fence = store.fenceWrites("acme", "worker-1", false);
        store.connection("other").putSnapshot(snapshot(PO_1, "h1"));
        store.takeOverLock("acme", "worker-1", "worker-2", Duration.ofSeconds(5));
        fence.close();
        fence.close();

        db.putSnapshot(snapshot(PO_2, "h2"));

        assertThat(store.connection("other").snapshot(PO_1)).isPresent();
        assertThat(db.snapshot(PO_2)).isPresent();
    }

    // ---------------------------------------------------------------- status tally

    private static RecordRef po(String id) {
        return new RecordRef("poweroffice", "CompanyCustomer", id);
    }

    private static RecordRef zoho(String id) {
        return new RecordRef("zoho", "Accounts", id);
    }

    private void linkedEntity(ConnectionStore tx, String entity, String flow, Link... links) {
        tx.putEntity(new Entity(entity, "organization", flow, Map.of(), Map.of(), T0, T0));
        for (Link l : links) {
            tx.putLink(l);
        }
    }

    private static Snapshot processed(RecordRef ref) {
        return new Snapshot(ref, "h-" + ref.id(), values("Name", "x"), T0, Map.of(), true);
    }

    @Test
    void statusTallyCountsLinkedInSyncFilteredOutFailuresConflictsAndReviewsPerFlow() {
        db.update(tx -> {
            linkedEntity(tx, "e1", "F1", Link.fresh(po("1"), "e1", T0), Link.fresh(zoho("1"), "e1", T0));
            linkedEntity(tx, "e2", "F1", Link.fresh(po("2"), "e2", T0), Link.fresh(zoho("2"), "e2", T0));
            linkedEntity(tx, "e3", "F1", Link.fresh(po("3"), "e3", T0).withState(LinkState.FILTERED_OUT),
                    Link.fresh(zoho("3"), "e3", T0));
            linkedEntity(tx, "e4", "F1", Link.fresh(po("4"), "e4", T0),
                    Link.fresh(zoho("4"), "e4", T0).withState(LinkState.DELETED_IN_SOURCE));
            linkedEntity(tx, "e5", "F2", Link.fresh(po("5"), "e5", T0));
            linkedEntity(tx, "e6", "F1", Link.fresh(po("6"), "e6", T0), Link.fresh(zoho("6"), "e6", T0));
            for (String id : List.of("1", "2", "3", "4", "5")) {
                tx.putSnapshot(processed(po(id)));
                tx.putSnapshot(processed(zoho(id)));
            }
            tx.putSnapshot(processed(po("6")).withProcessed(false));
            tx.putFailure(new Failure(0, po("2"), "zoho", "refused", 1, T0, T0, T0, "h"));
            tx.putFailure(new Failure(0, po("9"), "zoho", "refused", 1, T0, T0, T0, "h"));
            tx.putConflict(new Conflict(0, "e1", "F1", "organization.phone", "poweroffice", "1", "zoho", "2", "newer", T0, false));
            tx.putConflict(new Conflict(0, "e1", "F1", "organization.phone", "poweroffice", "1", "zoho", "2", "newer", T0, true));
            tx.putConflict(new Conflict(0, "e5", "F2", "organization.name", "poweroffice", "a", "zoho", "b", "tie", T0, false));
            tx.putReview(new ReviewItem(0, po("7"), "F1", List.of(zoho("7")), "two candidates", T0, ReviewOrigin.MATCHING));
            tx.putReview(new ReviewItem(0, po("8"), null, List.of(), "unlinked by user", T0, ReviewOrigin.USER));
        });
        ConnectionStore other = store.connection("other");
        linkedEntity(other, "e1", "F1", Link.fresh(po("1"), "e1", T0), Link.fresh(zoho("1"), "e1", T0));
        other.putFailure(new Failure(0, po("1"), "zoho", "refused", 1, T0, T0, T0, "h"));

        StatusTally tally = db.statusTally();

        assertThat(tally.linked()).containsOnlyKeys("F1");
        assertThat(tally.linked().get("F1")).isEqualTo(new StatusTally.Linked(4, 1, 1));
        assertThat(tally.failures()).containsExactlyInAnyOrder(
                new StatusTally.Failures("F1", "poweroffice", "CompanyCustomer", 1),
                new StatusTally.Failures(null, "poweroffice", "CompanyCustomer", 1));
        assertThat(tally.openConflicts()).containsOnly(Map.entry("F1", 1L), Map.entry("F2", 1L));
        assertThat(tally.reviews()).containsOnly(Map.entry("F1", 1L));
        assertThat(other.statusTally().linked().get("F1")).isEqualTo(new StatusTally.Linked(1, 0, 0));
        assertThat(db.failureTally()).as("the failures alone, as health asks for them after every cycle")
                .containsExactlyInAnyOrderElementsOf(tally.failures());
        assertThat(other.failureTally()).containsExactly(new StatusTally.Failures("F1", "poweroffice", "CompanyCustomer", 1));
        assertThat(db.openConflictsByFlow()).as("the open conflicts alone, as the metrics ask for them after every cycle")
                .isEqualTo(tally.openConflicts());
        assertThat(other.openConflictsByFlow()).isEmpty();
    }

    @Test
    void statusTallyOfAnEmptyConnectionIsEmpty() {
        StatusTally tally = db.statusTally();

        assertThat(tally.linked()).isEmpty();
        assertThat(tally.failures()).isEmpty();
        assertThat(tally.openConflicts()).isEmpty();
        assertThat(tally.reviews()).isEmpty();
        assertThat(db.failureTally()).isEmpty();
        assertThat(db.openConflictsByFlow()).isEmpty();
    }

    // ---------------------------------------------------------------- bulk reads, change sets, dirty work, scans, keys

    @Test
    void bulkReadsAnswerOnlyWhatExistsWhateverTheNumberAsked() {
        List<RecordRef> many = new java.util.ArrayList<>();
        db.update(tx -> {
            for (int i = 0; i < 300; i++) {
                RecordRef r = po(String.valueOf(1000 + i));
                many.add(r);
                if (i % 3 == 0) {
                    tx.putSnapshot(snapshot(r, "h" + i));
                }
            }
        });
        many.add(Z_1);

        assertThat(db.snapshots(many)).hasSize(100);
        assertThat(db.hashes(many)).hasSize(100).containsEntry(po("1000"), "h0").containsEntry(po("1297"), "h297");
        assertThat(db.snapshots(List.of())).isEmpty();
    }

    @Test
    void aChangeSetIsAppliedWholeWithRemovalsBeforePuts() {
        db.putSnapshot(snapshot(PO_2, "old"));
        db.putLink(Link.fresh(PO_2, "gone", T0));
        Entity e = new Entity("e1", "organization", "F1", Map.of(), Map.of(), T0, T0);
        WriteIntent intent = new WriteIntent("k1", PO_1, "zoho", "Accounts", "e1", values("Account_Name", "A"), T0,
                IntentState.PENDING, null);
        db.apply(ChangeSet.builder()
                .removeSnapshot(PO_2).removeLink(PO_2)
                .snapshot(snapshot(PO_1, "h1")).matchKeys(PO_1, "organization", java.util.Set.of("fjellvind as"))
                .entity(e).link(Link.fresh(PO_1, "e1", T0)).intent(intent)
                .failure(new Failure(0, PO_1, "zoho", "too long", 1, T0, T0, T0, "h1"))
                .conflict(new Conflict(0, "e1", "F1", "organization.name", "poweroffice", "A", "zoho", "B", "link", T0, false))
                .review(new ReviewItem(0, Z_1, "F1", List.of(PO_1), "x", T0, ReviewOrigin.MATCHING))
                .activity(new Activity(PO_1, T0, ActivityKind.CREATED, "x"))
                .processed(PO_1, "h1")
                .checkpoint(StreamKey.records("zoho", "Accounts"), new Checkpoint("c"))
                .build());

        assertThat(db.snapshot(PO_2)).isEmpty();
        assertThat(db.link(PO_2)).isEmpty();
        assertThat(db.snapshot(PO_1).orElseThrow().processed()).isTrue();
        assertThat(db.holders("organization", List.of("fjellvind as"))).containsExactly(new MatchHolder("fjellvind as", PO_1));
        assertThat(db.entity("e1")).contains(e);
        assertThat(db.entitiesWithPendingIntent(List.of("e1", "e2"))).containsExactly("e1");
        assertThat(db.failuresOf(List.of(PO_1, PO_2))).extracting(Failure::reason).containsExactly("too long");
        assertThat(db.conflicts(10)).hasSize(1);
        assertThat(db.review(Z_1)).isPresent();
        assertThat(db.activity(PO_1, 10)).extracting(Activity::kind).containsExactly(ActivityKind.CREATED);
        assertThat(db.checkpoint(StreamKey.records("zoho", "Accounts")).value()).isEqualTo("c");

        db.apply(ChangeSet.builder().removeFailure(PO_1, "zoho").removeReview(Z_1)
                .intent(intent.with(IntentState.DONE, "9001")).build());
        assertThat(db.failures()).isEmpty();
        assertThat(db.review(Z_1)).isEmpty();
        assertThat(db.entitiesWithPendingIntent(List.of("e1"))).isEmpty();
    }

    @Test
    void aChangeSetThatFailsLeavesNothingBehind() {
        db.putSnapshot(snapshot(PO_1, "h1"));
        ChangeSet bad = ChangeSet.builder().processed(PO_1, "h1")
                .failure(new Failure(0, PO_1, "zoho", "x", 1, T0, T0, T0, "h1"))
                .link(new Link(PO_2, "e1", LinkState.ACTIVE, Map.of(), Map.of(), T0, EchoExpectation.NONE, T0))
                .build();
        assertThatThrownBy(() -> db.update(tx -> {
            tx.apply(bad);
            throw new IllegalStateException("crash");
        })).hasMessage("crash");

        assertThat(db.snapshot(PO_1).orElseThrow().processed()).isFalse();
        assertThat(db.failures()).isEmpty();
        assertThat(db.link(PO_2)).isEmpty();
    }

    @Test
    void dirtyRecordsAreWalkedInRefOrderByKeyset() {
        db.update(tx -> {
            tx.putSnapshot(snapshot(Z_1, "z"));
            tx.putSnapshot(snapshot(PO_2, "h2"));
            tx.putSnapshot(snapshot(PO_1, "h1"));
            tx.putSnapshot(processed(po("3")));
            tx.putSnapshot(snapshot(new RecordRef("poweroffice", "Department", "7"), "d"));
        });

        assertThat(db.dirty(null, 10)).containsExactly(PO_1, PO_2, new RecordRef("poweroffice", "Department", "7"), Z_1);
        assertThat(db.dirty(null, 2)).containsExactly(PO_1, PO_2);
        assertThat(db.dirty(PO_2, 10)).containsExactly(new RecordRef("poweroffice", "Department", "7"), Z_1);
        assertThat(db.countDirty()).isEqualTo(4);

        db.apply(ChangeSet.builder().processed(PO_1, "h1").dirty(po("3")).build());
        assertThat(db.dirty(null, 10)).contains(po("3")).doesNotContain(PO_1);
    }

    @Test
    void dueFailuresMatchingReviewsAndPendingDeletionsMakeTheirRecordsDirty() {
        db.update(tx -> {
            for (String id : List.of("1", "2", "3", "4", "5")) {
                tx.putSnapshot(processed(po(id)));
            }
            tx.putSnapshot(processed(zoho("5")));
            tx.putFailure(new Failure(0, po("1"), "zoho", "x", 1, T0, T0, T0.minusSeconds(1), "h"));
            tx.putFailure(new Failure(0, po("2"), "zoho", "x", 1, T0, T0, T0.plusSeconds(3600), "h"));
            tx.putReview(new ReviewItem(0, po("3"), "F1", List.of(), "two", T0, ReviewOrigin.MATCHING));
            tx.putReview(new ReviewItem(0, po("4"), "F1", List.of(), "unlinked by user", T0, ReviewOrigin.USER));
            linkedEntity(tx, "e5", "F1", Link.fresh(po("5"), "e5", T0),
                    Link.fresh(zoho("5"), "e5", T0).withState(LinkState.DELETED_IN_SOURCE));
        });

        assertThat(db.markDueFailuresDirty(T0)).isEqualTo(1);
        assertThat(db.markMatchingReviewsDirty()).isEqualTo(1);
        assertThat(db.entitiesWithDeletedMember(null, 10)).containsExactly("e5");
        assertThat(db.markPendingDeletionsDirty()).isEqualTo(2);
        assertThat(db.dirty(null, 10)).containsExactly(po("1"), po("3"), po("5"), zoho("5"));
    }

    @Test
    void aScanSeesSomeRecordsAndTheSweepFindsTheOthers() {
        db.update(tx -> {
            for (String id : List.of("1", "2", "3", "4")) {
                tx.putSnapshot(processed(po(id)));
            }
        });
        long first = db.nextScan();
        long second = db.nextScan();
        assertThat(second).isGreaterThan(first);

        db.markSeen(List.of(po("1"), po("3"), po("99")), second);

        assertThat(db.unseen("poweroffice", "CompanyCustomer", second, null, 10)).containsExactly(po("2"), po("4"));
        assertThat(db.unseen("poweroffice", "CompanyCustomer", second, "2", 10)).containsExactly(po("4"));
        assertThat(db.unseen("poweroffice", "CompanyCustomer", db.nextScan(), null, 10)).hasSize(4);
    }

    @Test
    void matchKeysAreFoundByKeyAndReplacedWhole() {
        db.putSnapshot(snapshot(PO_1, "h1"));
        db.putSnapshot(snapshot(Z_1, "z"));
        db.putMatchKeys(PO_1, "organization", java.util.Set.of("fjellvind as"));
        db.putMatchKeys(Z_1, "organization", java.util.Set.of("fjellvind as", "fjellvind"));

        assertThat(db.holders("organization", List.of("fjellvind as"))).extracting(MatchHolder::ref)
                .containsExactlyInAnyOrder(PO_1, Z_1);
        assertThat(db.holders("person", List.of("fjellvind as"))).isEmpty();

        db.putMatchKeys(Z_1, "organization", java.util.Set.of("nordlys"));
        assertThat(db.holders("organization", List.of("fjellvind as", "fjellvind"))).extracting(MatchHolder::ref)
                .containsExactly(PO_1);
        db.removeSnapshot(PO_1);
        assertThat(db.holders("organization", List.of("fjellvind as"))).isEmpty();
    }

    @Test
    void searchFindsRecordsWhoseMatchKeyStartsWithTheTextInKeyOrderUpToTheLimit() {
        RecordRef po3 = new RecordRef("poweroffice", "CompanyCustomer", "3");
        RecordRef person = new RecordRef("poweroffice", "PersonCustomer", "7");
        for (RecordRef r : List.of(PO_1, PO_2, po3, Z_1, person)) {
            db.putSnapshot(snapshot(r, "h"));
        }
        db.putMatchKeys(PO_2, "organization", java.util.Set.of("fjellvind as"));
        db.putMatchKeys(Z_1, "organization", java.util.Set.of("fjellvind as"));
        db.putMatchKeys(PO_1, "organization", java.util.Set.of("fjellbris"));
        db.putMatchKeys(po3, "organization", java.util.Set.of("havbris fjell"));
        db.putMatchKeys(person, "person", java.util.Set.of("fjell@example.no"));

        assertThat(db.holdersStartingWith("organization", "fjell", 10)).containsExactly(
                new MatchHolder("fjellbris", PO_1), new MatchHolder("fjellvind as", PO_2), new MatchHolder("fjellvind as", Z_1));
        assertThat(db.holdersStartingWith("organization", "fjell", 2)).extracting(MatchHolder::ref).containsExactly(PO_1, PO_2);
        assertThat(db.holdersStartingWith("organization", "fjellvind as", 10)).extracting(MatchHolder::ref)
                .containsExactly(PO_2, Z_1);
        assertThat(db.holdersStartingWith("person", "fjell", 10)).extracting(MatchHolder::ref).containsExactly(person);
        assertThat(db.holdersStartingWith("organization", "bris", 10)).isEmpty();
        assertThat(db.holdersStartingWith("organization", "", 10)).isEmpty();

        db.putMatchKeys(PO_1, "organization", java.util.Set.of("nordlys"));
        assertThat(db.holdersStartingWith("organization", "fjell", 10)).extracting(MatchHolder::ref).containsExactly(PO_2, Z_1);
    }
}
