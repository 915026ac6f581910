package io.tolk.engine.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The durable state of one connection. Methods are grouped by what they keep; each method is atomic on its own
 * (and durable when it returns), {@link #apply} makes a {@link ChangeSet} durable at once, and {@link #inTransaction}
 * makes any group of calls atomic together.
 *
 * <p>The cycle never loads a whole table: it reads by key in bulk ({@code Collection} arguments, answered as maps
 * without the keys that are absent) and walks large sets by keyset paging ({@code after}, {@code limit}: the rows
 * after the given key, in key order, at most {@code limit}). Record references order by system, then type, then id,
 * each compared as text by character (Java's {@code String} order) on every store.
 *
 * <p>Maps of values keep {@code null} values (an empty field) and their order. Writing a row that exists by its key
 * replaces it ("put" = insert or replace).
 */
public interface ConnectionStore {

    /** The connection's name. */
    String name();

    // ------------------------------------------------------------------ transactions

    /**
     * Runs {@code work} against a view of this store whose changes become durable together when {@code work} returns,
     * or not at all when it throws (the exception propagates unchanged). Reads inside see the work's own changes.
     * Nested calls join the outer transaction.
     *
     * @return what {@code work} returned
     */
    <T> T inTransaction(Function<ConnectionStore, T> work);

    /** {@link #inTransaction} for work that returns nothing. */
    default void update(java.util.function.Consumer<ConnectionStore> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Makes every change of {@code changes} durable in one transaction (joining the caller's, if any). */
    void apply(ChangeSet changes);

    // ------------------------------------------------------------------ staged snapshots (key: ref)

    Optional<Snapshot> snapshot(RecordRef ref);

    /** The snapshots of the given records that exist. */
    Map<RecordRef, Snapshot> snapshots(Collection<RecordRef> refs);

    /** The content hashes of the given records' snapshots that exist (cheaper than {@link #snapshots}). */
    Map<RecordRef, String> hashes(Collection<RecordRef> refs);

    /** Stages a record as read (its match keys are left as they are). */
    void putSnapshot(Snapshot snapshot);

    /** Removes a snapshot and its match keys. */
    void removeSnapshot(RecordRef ref);

    /** The snapshots of one system's type after {@code afterId} (all when {@code null}), ordered by id. */
    List<Snapshot> snapshots(String system, String type, String afterId, int limit);

    /** How many snapshots the given types of one system have. */
    long countSnapshots(String system, Collection<String> types);

    /**
     * Marks the record's snapshot processed, only if its hash is still {@code hash} (a newer read staged meanwhile
     * stays dirty). Does nothing if there is no such snapshot.
     */
    void markProcessed(RecordRef ref, String hash);

    /** The dirty (not processed) records after {@code after} ({@code null}: from the start), in ref order. */
    List<RecordRef> dirty(RecordRef after, int limit);

    /** How many records are dirty. */
    long countDirty();

    /** Marks dirty the records whose failure is due at {@code now}. @return how many */
    int markDueFailuresDirty(Instant now);

    /** Marks dirty the records waiting in review by {@link ReviewOrigin#MATCHING}, to be matched again. @return how many */
    int markMatchingReviewsDirty();

    /**
     * Marks dirty every record of the entities that have a member deleted in its source and another still active:
     * deletions that propagation may still have to make. @return how many records
     */
    int markPendingDeletionsDirty();

    // ------------------------------------------------------------------ scans (deletion detection)

    /** A scan number larger than every one this connection handed out before. */
    long nextScan();

    /** Records that these staged records were seen by scan {@code scan}. Refs without a snapshot are ignored. */
    void markSeen(Collection<RecordRef> refs, long scan);

    /** Snapshots of one system's type that scan {@code scan} did not see, after {@code afterId}, ordered by id. */
    List<RecordRef> unseen(String system, String type, long scan, String afterId, int limit);

    // ------------------------------------------------------------------ match keys (rule 3)

    /** Replaces the match keys of one record (none: it never matches). */
    void putMatchKeys(RecordRef ref, String canonicalType, Set<String> keys);

    /** The staged records that hold any of {@code keys} under {@code canonicalType}, one entry per key held. */
    List<MatchHolder> holders(String canonicalType, Collection<String> keys);

    /**
     * Search by name or e-mail: the staged records holding a match key under {@code canonicalType} that starts with
     * {@code prefix} (give it in the folded form of {@code io.tolk.engine.values.MatchKeys}), one entry per key held,
     * ordered by key, then ref (Java's {@code String} order), at most {@code limit}. A range of the match-key index,
     * so its cost does not grow with the number of records; an empty prefix finds nothing.
     */
    List<MatchHolder> holdersStartingWith(String canonicalType, String prefix, int limit);

    // ------------------------------------------------------------------ entities (key: id)

    Optional<Entity> entity(String id);

    /** The entities of the given ids that exist. */
    Map<String, Entity> entities(Collection<String> ids);

    void putEntity(Entity entity);

    /** Removes the entity (its links are removed separately). */
    void removeEntity(String id);

    /** The entities after {@code afterId} ({@code null}: from the start), ordered by id. */
    List<Entity> entities(String afterId, int limit);

    // ------------------------------------------------------------------ links (key: ref)

    Optional<Link> link(RecordRef ref);

    /** The links of the given records that exist. */
    Map<RecordRef, Link> links(Collection<RecordRef> refs);

    void putLink(Link link);

    void removeLink(RecordRef ref);

    /** The links after {@code after} ({@code null}: from the start), in ref order. */
    List<Link> links(RecordRef after, int limit);

    /** The links of one entity, ordered by ref. */
    List<Link> linksOf(String entityId);

    /** The links of the given entities, per entity (entities without links are absent), each list ordered by ref. */
    Map<String, List<Link>> linksOf(Collection<String> entityIds);

    /** Entities with at least two links (the base of the 10 % delete guard). */
    long countLinkedEntities();

    /**
     * The ids of entities that have a member {@link LinkState#DELETED_IN_SOURCE} and a member {@link LinkState#ACTIVE},
     * after {@code afterId}, ordered by id: the deletions propagation may still have to make.
     */
    List<String> entitiesWithDeletedMember(String afterId, int limit);

    // ------------------------------------------------------------------ write intents (key: key)

    Optional<WriteIntent> intent(String key);

    /**
     * Stores or updates an intent (of any {@link io.tolk.api.WriteOperation}, each kept with its operation and target).
     * A new intent must be durable before its write call is made.
     */
    void putIntent(WriteIntent intent);

    /** Intents in one state, oldest first. */
    List<WriteIntent> intents(IntentState state);

    /** Of the given entities, those with a {@link IntentState#PENDING} intent. */
    Set<String> entitiesWithPendingIntent(Collection<String> entityIds);

    // ------------------------------------------------------------------ checkpoints (key: stream)

    /** Where the stream resumes; {@link Checkpoint#NONE} if never stored. */
    Checkpoint checkpoint(StreamKey stream);

    void putCheckpoint(StreamKey stream, Checkpoint checkpoint);

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

    /** The failures of the given records (any target), by id. */
    List<Failure> failuresOf(Collection<RecordRef> records);

    /** All failures, by id. */
    List<Failure> failures();

    void removeFailure(long id);

    // ------------------------------------------------------------------ conflicts (key: id)

    /** Stores a new conflict (id assigned) or updates one with a known id. @return as stored */
    Conflict putConflict(Conflict conflict);

    Optional<Conflict> conflict(long id);

    /** The newest {@code limit} conflicts, newest first (by id). */
    List<Conflict> conflicts(int limit);

    /**
     * How many conflicts are open (decided, not restored) per flow; conflicts without a flow are left out. The open
     * conflicts part of {@link #statusTally()} alone: one count over the connection's conflicts, cheap enough to ask
     * after every cycle.
     */
    Map<String, Long> openConflictsByFlow();

    // ------------------------------------------------------------------ review queue (key: id; unique: record)

    /** Stores a review item; one for the same record is replaced and keeps its id. @return as stored */
    ReviewItem putReview(ReviewItem item);

    Optional<ReviewItem> review(RecordRef record);

    /** The review items of the given records that exist. */
    Map<RecordRef, ReviewItem> reviews(Collection<RecordRef> records);

    void removeReview(RecordRef record);

    /** All waiting items, by id. */
    List<ReviewItem> reviews();

    /** How many items wait per flow (items without a flow are left out). */
    Map<String, Long> reviewsByFlow();

    // ------------------------------------------------------------------ status

    /**
     * The counts of {@code tolk status}, per flow: linked entities (in sync, filtered out), failures per record type,
     * open conflicts and review items. Computed by the store (a few aggregate queries), never by loading every row.
     * Flows are the entities', conflicts' and review items' {@code flowId}; items without one are left out.
     */
    StatusTally statusTally();

    /**
     * The failures part of {@link #statusTally()} alone: failures counted per flow of the failing record's entity and
     * per record type. One query over the connection's failures, never over its links: this is what a connection's
     * health needs after every cycle, and its cost grows with the failures, not with the records synced.
     */
    List<StatusTally.Failures> failureTally();

    // ------------------------------------------------------------------ activity log (append-only)

    void appendActivity(Activity activity);

    /** The newest {@code limit} lines of one record's history, newest first (same instant: last appended first). */
    List<Activity> activity(RecordRef record, int limit);

    // ------------------------------------------------------------------ run log

    /** Appends a cycle's record (id assigned). @return as stored */
    RunRecord addRun(RunRecord run);

    /** The newest {@code limit} runs, newest first. */
    List<RunRecord> runs(int limit);

    // ------------------------------------------------------------------ housekeeping

    /**
     * Removes the history {@code retention} no longer keeps (the rules are {@link Retention}'s): old runs, history
     * lines, restored conflicts and finished write intents. Nothing a cycle or a person still acts on is removed.
     *
     * <p>Large removals are made in several short transactions, so that a cycle running meanwhile (in this process or
     * another) is never kept waiting for long; each removal stands on its own, so one that stops part-way leaves a
     * consistent store, and running it again finishes the job. Must not be called inside {@link #inTransaction}
     * (an {@link IllegalStateException}). A store that only overlays another (a dry run) refuses with
     * {@link UnsupportedOperationException}.
     *
     * @return what was removed
     */
    Pruned prune(Retention retention);

    /**
     * What {@link #prune} would remove now, counted, removing nothing: the same rules, and exactly the same numbers on
     * an unchanged store (a row that two rules would remove is counted once). May be called anywhere.
     */
    Pruned prunable(Retention retention);

    // ------------------------------------------------------------------ mapping fingerprint

    /** The fingerprint of the mapping the last committed cycle ran with; empty before the first. */
    Optional<String> mappingFingerprint();

    void putMappingFingerprint(String fingerprint);
}
