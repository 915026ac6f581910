package io.tolk.engine.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable state of one connection. Methods are grouped by what they keep; each method is atomic on its own
 * (and durable when it returns), and {@link #inTransaction} makes a group of them atomic together.
 *
 * <p>Maps of values keep {@code null} values (an empty field) and their order. Lists come back in the order each
 * method states. Writing a record that exists by its key replaces it ("put" = insert or replace).
 */
public interface ConnectionStore {

    /** The connection's name. */
    String name();

    // ------------------------------------------------------------------ transactions

    /**
     * Runs {@code work} against a view of this store whose changes become durable together when {@code work} returns,
     * or not at all when it throws (the exception propagates unchanged). Reads inside see the work's own changes.
     * The cycle uses it to commit, per batch, the links, baselines and processed snapshots that depend on writes
     * already made, and at the end the checkpoints and the run record — never before the writes they depend on.
     * Nested calls join the outer transaction.
     */
    void inTransaction(Consumer<ConnectionStore> work);

    // ------------------------------------------------------------------ staged snapshots (key: ref)

    Optional<Snapshot> snapshot(RecordRef ref);

    /** Stages a record as read. */
    void putSnapshot(Snapshot snapshot);

    void removeSnapshot(RecordRef ref);

    /** All staged records of one system's type, ordered by id. */
    List<Snapshot> snapshots(String system, String type);

    /**
     * Marks the record's snapshot processed, only if its hash is still {@code hash} (a newer read staged meanwhile
     * stays unprocessed). Does nothing if there is no such snapshot.
     */
    void markProcessed(RecordRef ref, String hash);

    // ------------------------------------------------------------------ entities (key: id)

    Optional<Entity> entity(String id);

    void putEntity(Entity entity);

    /** Removes the entity (its links are removed separately). */
    void removeEntity(String id);

    /** All entities, ordered by id. */
    List<Entity> entities();

    // ------------------------------------------------------------------ links (key: ref)

    Optional<Link> link(RecordRef ref);

    void putLink(Link link);

    void removeLink(RecordRef ref);

    /** The links of one entity, ordered by ref (system, type, id). */
    List<Link> linksOf(String entityId);

    /** All links, ordered by ref (system, type, id). */
    List<Link> links();

    // ------------------------------------------------------------------ create intents (key: key)

    Optional<CreateIntent> intent(String key);

    /** Stores or updates an intent. A new intent must be durable before the create call is made. */
    void putIntent(CreateIntent intent);

    /** Intents in one state, oldest first. */
    List<CreateIntent> intents(IntentState state);

    // ------------------------------------------------------------------ checkpoints (key: system, stream)

    /**
     * Where the incremental read of {@code stream} resumes; {@link Checkpoint#NONE} if never stored. {@code stream}
     * is a record type, or any name the engine chooses for another cursor (e.g. {@code "Accounts#deleted"}).
     */
    Checkpoint checkpoint(String system, String stream);

    void putCheckpoint(String system, String stream, Checkpoint checkpoint);

    // ------------------------------------------------------------------ failures (key: id; unique: record + target)

    /**
     * Stores a failure. If one exists for the same record and target it is replaced and keeps its id; otherwise a new
     * id is assigned when {@code failure.id()} is {@code 0}.
     *
     * @return the failure as stored, with its id
     */
    Failure putFailure(Failure failure);

    Optional<Failure> failure(long id);

    Optional<Failure> failure(RecordRef record, String target);

    /** All failures, by id. */
    List<Failure> failures();

    void removeFailure(long id);

    // ------------------------------------------------------------------ conflicts (key: id)

    /** Stores a new conflict (id assigned) or updates one with a known id. @return as stored */
    Conflict putConflict(Conflict conflict);

    Optional<Conflict> conflict(long id);

    /** The newest {@code limit} conflicts, newest first (by id). */
    List<Conflict> conflicts(int limit);

    // ------------------------------------------------------------------ review queue (key: id; unique: record)

    /** Stores a review item; one for the same record is replaced and keeps its id. @return as stored */
    ReviewItem putReview(ReviewItem item);

    Optional<ReviewItem> review(RecordRef record);

    void removeReview(RecordRef record);

    /** All waiting items, by id. */
    List<ReviewItem> reviews();

    // ------------------------------------------------------------------ status

    /**
     * The counts of {@code tolk status}, per flow: linked entities (in sync, filtered out), failures per record type,
     * open conflicts and review items. Computed by the store (a few aggregate queries), never by loading every row.
     * Flows are the entities', conflicts' and review items' {@code flowId}; items without one are left out.
     */
    StatusTally statusTally();

    // ------------------------------------------------------------------ activity log (append-only)

    void appendActivity(Activity activity);

    /** The newest {@code limit} lines of one record's history, newest first (same instant: last appended first). */
    List<Activity> activity(RecordRef record, int limit);

    // ------------------------------------------------------------------ run log

    /** Appends a cycle's record (id assigned). @return as stored */
    RunRecord addRun(RunRecord run);

    /** The newest {@code limit} runs, newest first. */
    List<RunRecord> runs(int limit);

    // ------------------------------------------------------------------ mapping fingerprint

    /** The fingerprint of the mapping the last committed cycle ran with; empty before the first. */
    Optional<String> mappingFingerprint();

    void putMappingFingerprint(String fingerprint);
}
