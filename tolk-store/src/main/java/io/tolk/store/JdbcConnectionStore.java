package io.tolk.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;
import io.tolk.api.WriteOperation;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.ActivityKind;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.WriteIntent;
import io.tolk.engine.store.EchoExpectation;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.MatchHolder;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.ReviewOrigin;
import io.tolk.engine.store.RunOutcome;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.store.StatusTally;
import io.tolk.engine.store.StreamKey;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One connection's state in the JDBC store. Every method runs in its own transaction unless the calling thread is
 * inside {@link #inTransaction} (or {@link #apply}), in which case it joins that one. Rows carry the connection's name.
 *
 * <p>Bulk reads go by {@code IN} lists cut to a few fixed sizes ({@link Sql#inLists}); {@link #apply} writes each kind
 * of row as one JDBC batch; every statement is prepared once per database connection ({@link Sql#prepare}).
 */
final class JdbcConnectionStore implements ConnectionStore {

    /** The counter that numbers failures, conflicts, review items and runs. */
    private static final String IDS = "id";
    /** The counter that orders intents and activity lines. */
    private static final String SEQ = "seq";
    /** The counter of deletion-detection scans. */
    private static final String SCANS = "scan";

    private final Database db;
    private final String name;
    /** Text ordering that matches Java's String order on every database (PostgreSQL's default collation does not). */
    private final String binary;
    /** The connection's row in tolk_connection is known to be committed. */
    private volatile boolean registered;

    /** The fence of this connection's writes through the owning store object, or null (see Store#fenceWrites). */
    private final java.util.function.Supplier<WriteFences.Fence> fence;
    private final java.time.Clock clock;

    JdbcConnectionStore(Database db, String name, java.util.function.Supplier<WriteFences.Fence> fence, java.time.Clock clock) {
        this.db = db;
        this.name = name;
        this.fence = fence;
        this.clock = clock;
        this.binary = db.vendor() == StoreUrl.Vendor.POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    @Override
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T read(Database.Work<T> work) {
        return db.read(work);
    }

    private <T> T write(Database.Work<T> work) {
        boolean outer = !db.inTransaction();
        WriteFences.Fence f = outer ? fence.get() : null;
        T result = db.write(c -> {
            if (f != null) {
                WriteFences.check(c, db.vendor(), name, f);
            }
            if (!registered) {
                Sql.update(c, "INSERT INTO tolk_connection (connection_name) VALUES (?) ON CONFLICT (connection_name) DO NOTHING", name);
            }
            return work.apply(c);
        });
        if (outer) {
            registered = true; // committed: the connection's row exists
        }
        return result;
    }

    /** Reserves {@code n} consecutive values of a counter; returns the first. */
    private long reserve(Connection c, String kind, int n) throws SQLException {
        Sql.update(c, """
                INSERT INTO tolk_counter (connection_name, kind, last_value) VALUES (?, ?, ?)
                ON CONFLICT (connection_name, kind) DO UPDATE SET last_value = tolk_counter.last_value + excluded.last_value""",
                name, kind, (long) n);
        long last = Sql.one(c, "SELECT last_value FROM tolk_counter WHERE connection_name = ? AND kind = ?",
                rs -> rs.getLong(1), name, kind).orElseThrow();
        return last - n + 1;
    }

    private long next(Connection c, String kind) throws SQLException {
        return reserve(c, kind, 1);
    }

    /** Keeps the counter ahead of an id the caller chose. */
    private void atLeast(Connection c, String kind, long value) throws SQLException {
        Sql.update(c, """
                INSERT INTO tolk_counter (connection_name, kind, last_value) VALUES (?, ?, ?)
                ON CONFLICT (connection_name, kind) DO UPDATE SET last_value = excluded.last_value
                WHERE tolk_counter.last_value < excluded.last_value""", name, kind, value);
    }

    private String refOrder() {
        return "record_system" + binary + ", record_type" + binary + ", record_id" + binary;
    }

    /** Groups refs by system and type, keeping their first-seen order. */
    private static Map<List<String>, List<String>> byType(Collection<RecordRef> refs) {
        Map<List<String>, List<String>> out = new LinkedHashMap<>();
        for (RecordRef r : new LinkedHashSet<>(refs)) {
            out.computeIfAbsent(List.of(r.system(), r.type()), k -> new ArrayList<>()).add(r.id());
        }
        return out;
    }

    /** Runs {@code sql} (ending in {@code record_id IN (}) for each system, type and id list; collects its rows. */
    private <T> List<T> byRefs(Connection c, Collection<RecordRef> refs, String select, Sql.Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<String>> e : byType(refs).entrySet()) {
            for (List<String> ids : Sql.inLists(e.getValue())) {
                Object[] args = new Object[3 + ids.size()];
                args[0] = name;
                args[1] = e.getKey().get(0);
                args[2] = e.getKey().get(1);
                for (int i = 0; i < ids.size(); i++) {
                    args[3 + i] = ids.get(i);
                }
                out.addAll(Sql.list(c, select + " WHERE connection_name = ? AND record_system = ? AND record_type = ?"
                        + " AND record_id IN (" + Sql.marks(ids.size()) + ")", row, args));
            }
        }
        return out;
    }

    private <T> List<T> byStrings(Connection c, Collection<String> values, String sqlBeforeIn, Sql.Row<T> row)
            throws SQLException {
        List<T> out = new ArrayList<>();
        for (List<String> part : Sql.inLists(new ArrayList<>(new LinkedHashSet<>(values)))) {
            Object[] args = new Object[1 + part.size()];
            args[0] = name;
            for (int i = 0; i < part.size(); i++) {
                args[1 + i] = part.get(i);
            }
            out.addAll(Sql.list(c, sqlBeforeIn + " IN (" + Sql.marks(part.size()) + ")", row, args));
        }
        return out;
    }

    private static RecordRef ref(ResultSet rs) throws SQLException {
        return new RecordRef(rs.getString("record_system"), rs.getString("record_type"), rs.getString("record_id"));
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public <T> T inTransaction(Function<ConnectionStore, T> work) {
        return write(c -> work.apply(this));
    }

    @Override
    public void apply(ChangeSet cs) {
        if (cs.isEmpty()) {
            return;
        }
        write(c -> {
            WriteFences.Fence f = fence.get();
            if (f != null && f.logCommits()) {
                WriteFences.logCommit(c, name, f, clock.millis());
            }
            removeSnapshots(c, cs.snapshotsRemoved());
            batchRefs(c, "DELETE FROM tolk_entity WHERE connection_name = ? AND entity_id = ?", cs.entitiesRemoved());
            batch(c, "DELETE FROM tolk_link WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                    cs.linksRemoved(), r -> new Object[]{name, r.system(), r.type(), r.id()});
            batch(c, "DELETE FROM tolk_failure WHERE connection_name = ? AND record_system = ? AND record_type = ?"
                    + " AND record_id = ? AND target = ?", cs.failuresRemoved(),
                    k -> new Object[]{name, k.record().system(), k.record().type(), k.record().id(), k.target()});
            batch(c, "DELETE FROM tolk_review WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                    cs.reviewsRemoved(), r -> new Object[]{name, r.system(), r.type(), r.id()});
            batch(c, UPSERT_SNAPSHOT, cs.snapshots(), this::snapshotArgs);
            for (ChangeSet.MatchKeys m : cs.matchKeys()) {
                putMatchKeys(c, m.ref(), m.canonicalType(), m.keys());
            }
            batch(c, UPSERT_ENTITY, cs.entities(), this::entityArgs);
            batch(c, UPSERT_LINK, cs.links(), this::linkArgs);
            putIntents(c, cs.intents());
            putFailures(c, cs.failures());
            putConflicts(c, cs.conflicts());
            putReviews(c, cs.reviews());
            appendActivities(c, cs.activity());
            batch(c, "UPDATE tolk_snapshot SET processed = 1 WHERE connection_name = ? AND record_system = ?"
                    + " AND record_type = ? AND record_id = ? AND content_hash = ?", new ArrayList<>(cs.processed().entrySet()),
                    e -> new Object[]{name, e.getKey().system(), e.getKey().type(), e.getKey().id(), e.getValue()});
            batch(c, "UPDATE tolk_snapshot SET processed = 0 WHERE connection_name = ? AND record_system = ?"
                    + " AND record_type = ? AND record_id = ?", new ArrayList<>(cs.dirty()),
                    r -> new Object[]{name, r.system(), r.type(), r.id()});
            batch(c, UPSERT_CHECKPOINT, new ArrayList<>(cs.checkpoints().entrySet()), e -> new Object[]{name,
                    e.getKey().system(), e.getKey().storedName(), e.getValue() == null ? null : e.getValue().value()});
            return null;
        });
    }

    private interface Args<T> {
        Object[] of(T item) throws SQLException;
    }

    private static <T> void batch(Connection c, String sql, List<T> items, Args<T> args) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(items.size());
        for (T item : items) {
            rows.add(args.of(item));
        }
        Sql.batch(c, sql, rows);
    }

    private void batchRefs(Connection c, String sql, List<String> ids) throws SQLException {
        batch(c, sql, ids, id -> new Object[]{name, id});
    }

    // ------------------------------------------------------------------ snapshots

    private static final String SNAPSHOT_COLUMNS =
            "record_system, record_type, record_id, content_hash, fields, modified_at, field_modified_at, processed";

    private static final String UPSERT_SNAPSHOT = "INSERT INTO tolk_snapshot (connection_name, " + SNAPSHOT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (connection_name, record_system, record_type, record_id) DO UPDATE SET"
            + " content_hash = excluded.content_hash, fields = excluded.fields, modified_at = excluded.modified_at,"
            + " field_modified_at = excluded.field_modified_at, processed = excluded.processed";

    private Object[] snapshotArgs(Snapshot s) {
        return new Object[]{name, s.ref().system(), s.ref().type(), s.ref().id(), s.hash(), Json.strings(s.fields()),
                s.modifiedAt(), Json.instants(s.fieldModifiedAt()), s.processed()};
    }

    private static Snapshot snapshotRow(ResultSet rs) throws SQLException {
        return new Snapshot(ref(rs), rs.getString("content_hash"), Json.strings(rs.getString("fields")),
                Sql.instant(rs, "modified_at"), Json.instants(rs.getString("field_modified_at")), Sql.bool(rs, "processed"));
    }

    @Override
    public Optional<Snapshot> snapshot(RecordRef ref) {
        return read(c -> Sql.one(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM tolk_snapshot"
                        + " WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                JdbcConnectionStore::snapshotRow, name, ref.system(), ref.type(), ref.id()));
    }

    @Override
    public Map<RecordRef, Snapshot> snapshots(Collection<RecordRef> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        Map<RecordRef, Snapshot> out = new LinkedHashMap<>();
        read(c -> byRefs(c, refs, "SELECT " + SNAPSHOT_COLUMNS + " FROM tolk_snapshot", JdbcConnectionStore::snapshotRow))
                .forEach(s -> out.put(s.ref(), s));
        return out;
    }

    @Override
    public Map<RecordRef, String> hashes(Collection<RecordRef> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        Map<RecordRef, String> out = new HashMap<>();
        read(c -> byRefs(c, refs, "SELECT record_system, record_type, record_id, content_hash FROM tolk_snapshot",
                rs -> new Object[]{ref(rs), rs.getString("content_hash")}))
                .forEach(row -> out.put((RecordRef) row[0], (String) row[1]));
        return out;
    }

    @Override
    public void putSnapshot(Snapshot s) {
        write(c -> Sql.update(c, UPSERT_SNAPSHOT, snapshotArgs(s)));
    }

    @Override
    public void removeSnapshot(RecordRef ref) {
        write(c -> {
            removeSnapshots(c, List.of(ref));
            return null;
        });
    }

    private void removeSnapshots(Connection c, List<RecordRef> refs) throws SQLException {
        batch(c, "DELETE FROM tolk_snapshot WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                refs, r -> new Object[]{name, r.system(), r.type(), r.id()});
        batch(c, "DELETE FROM tolk_match_key WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                refs, r -> new Object[]{name, r.system(), r.type(), r.id()});
    }

    @Override
    public List<Snapshot> snapshots(String system, String type, String afterId, int limit) {
        return read(c -> afterId == null
                ? Sql.list(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM tolk_snapshot WHERE connection_name = ? AND record_system = ?"
                        + " AND record_type = ? ORDER BY record_id" + binary + " LIMIT ?",
                JdbcConnectionStore::snapshotRow, name, system, type, limit)
                : Sql.list(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM tolk_snapshot WHERE connection_name = ? AND record_system = ?"
                        + " AND record_type = ? AND record_id" + binary + " > ? ORDER BY record_id" + binary + " LIMIT ?",
                JdbcConnectionStore::snapshotRow, name, system, type, afterId, limit));
    }

    @Override
    public long countSnapshots(String system, Collection<String> types) {
        return read(c -> {
            long n = 0;
            for (String t : new LinkedHashSet<>(types)) {
                n += Sql.one(c, "SELECT COUNT(*) FROM tolk_snapshot WHERE connection_name = ? AND record_system = ? AND record_type = ?",
                        rs -> rs.getLong(1), name, system, t).orElse(0L);
            }
            return n;
        });
    }

    @Override
    public void markProcessed(RecordRef ref, String hash) {
        write(c -> Sql.update(c, "UPDATE tolk_snapshot SET processed = 1 WHERE connection_name = ? AND record_system = ?"
                        + " AND record_type = ? AND record_id = ? AND content_hash = ?",
                name, ref.system(), ref.type(), ref.id(), hash));
    }

    @Override
    public List<RecordRef> dirty(RecordRef after, int limit) {
        String base = "SELECT record_system, record_type, record_id FROM tolk_snapshot WHERE connection_name = ? AND processed = 0";
        String order = " ORDER BY " + refOrder() + " LIMIT ?";
        if (after == null) {
            return read(c -> Sql.list(c, base + order, JdbcConnectionStore::ref, name, limit));
        }
        String s = "record_system" + binary;
        String t = "record_type" + binary;
        String i = "record_id" + binary;
        return read(c -> Sql.list(c, base + " AND (" + s + " > ? OR (" + s + " = ? AND " + t + " > ?) OR (" + s + " = ? AND "
                        + t + " = ? AND " + i + " > ?))" + order, JdbcConnectionStore::ref, name,
                after.system(), after.system(), after.type(), after.system(), after.type(), after.id(), limit));
    }

    @Override
    public long countDirty() {
        return read(c -> Sql.one(c, "SELECT COUNT(*) FROM tolk_snapshot WHERE connection_name = ? AND processed = 0",
                rs -> rs.getLong(1), name).orElse(0L));
    }

    @Override
    public int markDueFailuresDirty(Instant now) {
        return write(c -> Sql.update(c, "UPDATE tolk_snapshot SET processed = 0 WHERE connection_name = ? AND processed = 1"
                + " AND EXISTS (SELECT 1 FROM tolk_failure f WHERE f.connection_name = tolk_snapshot.connection_name"
                + " AND f.record_system = tolk_snapshot.record_system AND f.record_type = tolk_snapshot.record_type"
                + " AND f.record_id = tolk_snapshot.record_id AND f.next_retry_nanos <= ?)", name, Sql.nanos(now)));
    }

    @Override
    public int markMatchingReviewsDirty() {
        return write(c -> Sql.update(c, "UPDATE tolk_snapshot SET processed = 0 WHERE connection_name = ? AND processed = 1"
                + " AND EXISTS (SELECT 1 FROM tolk_review r WHERE r.connection_name = tolk_snapshot.connection_name"
                + " AND r.record_system = tolk_snapshot.record_system AND r.record_type = tolk_snapshot.record_type"
                + " AND r.record_id = tolk_snapshot.record_id AND r.origin = 'matching')", name));
    }

    @Override
    public int markPendingDeletionsDirty() {
        return write(c -> Sql.update(c, "UPDATE tolk_snapshot SET processed = 0 WHERE connection_name = ? AND processed = 1"
                + " AND EXISTS (SELECT 1 FROM tolk_link l WHERE l.connection_name = tolk_snapshot.connection_name"
                + " AND l.record_system = tolk_snapshot.record_system AND l.record_type = tolk_snapshot.record_type"
                + " AND l.record_id = tolk_snapshot.record_id AND l.entity_id IN (" + DELETED_MEMBER_ENTITIES + "))", name, name,
                name));
    }

    /** Entities with a member deleted in source and an active member (takes the connection name twice). */
    private static final String DELETED_MEMBER_ENTITIES = "SELECT d.entity_id FROM tolk_link d WHERE d.connection_name = ?"
            + " AND d.link_state = 'DELETED_IN_SOURCE' AND EXISTS (SELECT 1 FROM tolk_link a WHERE a.connection_name = ?"
            + " AND a.entity_id = d.entity_id AND a.link_state = 'ACTIVE')";

    // ------------------------------------------------------------------ scans

    @Override
    public long nextScan() {
        return write(c -> next(c, SCANS));
    }

    @Override
    public void markSeen(Collection<RecordRef> refs, long scan) {
        if (refs.isEmpty()) {
            return;
        }
        write(c -> {
            for (Map.Entry<List<String>, List<String>> e : byType(refs).entrySet()) {
                for (List<String> ids : Sql.inLists(e.getValue())) {
                    Object[] args = new Object[4 + ids.size()];
                    args[0] = scan;
                    args[1] = name;
                    args[2] = e.getKey().get(0);
                    args[3] = e.getKey().get(1);
                    for (int i = 0; i < ids.size(); i++) {
                        args[4 + i] = ids.get(i);
                    }
                    Sql.update(c, "UPDATE tolk_snapshot SET seen_scan = ? WHERE connection_name = ? AND record_system = ?"
                            + " AND record_type = ? AND record_id IN (" + Sql.marks(ids.size()) + ")", args);
                }
            }
            return null;
        });
    }

    @Override
    public List<RecordRef> unseen(String system, String type, long scan, String afterId, int limit) {
        String where = "SELECT record_system, record_type, record_id FROM tolk_snapshot WHERE connection_name = ?"
                + " AND record_system = ? AND record_type = ? AND (seen_scan IS NULL OR seen_scan < ?)";
        String order = " ORDER BY record_id" + binary + " LIMIT ?";
        return read(c -> afterId == null
                ? Sql.list(c, where + order, JdbcConnectionStore::ref, name, system, type, scan, limit)
                : Sql.list(c, where + " AND record_id" + binary + " > ?" + order, JdbcConnectionStore::ref, name, system, type,
                scan, afterId, limit));
    }

    // ------------------------------------------------------------------ match keys

    @Override
    public void putMatchKeys(RecordRef ref, String canonicalType, Set<String> keys) {
        write(c -> {
            putMatchKeys(c, ref, canonicalType, keys);
            return null;
        });
    }

    private void putMatchKeys(Connection c, RecordRef ref, String canonicalType, Set<String> keys) throws SQLException {
        Sql.update(c, "DELETE FROM tolk_match_key WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                name, ref.system(), ref.type(), ref.id());
        batch(c, "INSERT INTO tolk_match_key (connection_name, record_system, record_type, record_id, canonical_type, match_key)"
                + " VALUES (?, ?, ?, ?, ?, ?)", new ArrayList<>(keys),
                k -> new Object[]{name, ref.system(), ref.type(), ref.id(), canonicalType, k});
    }

    @Override
    public List<MatchHolder> holders(String canonicalType, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return read(c -> {
            List<MatchHolder> out = new ArrayList<>();
            for (List<String> part : Sql.inLists(new ArrayList<>(new LinkedHashSet<>(keys)))) {
                Object[] args = new Object[2 + part.size()];
                args[0] = name;
                args[1] = canonicalType;
                for (int i = 0; i < part.size(); i++) {
                    args[2 + i] = part.get(i);
                }
                out.addAll(Sql.list(c, "SELECT DISTINCT match_key, record_system, record_type, record_id FROM tolk_match_key"
                        + " WHERE connection_name = ? AND canonical_type = ? AND match_key IN (" + Sql.marks(part.size()) + ")",
                        rs -> new MatchHolder(rs.getString("match_key"), ref(rs)), args));
            }
            return out;
        });
    }

    /** Above every text that starts with a given prefix, in binary (UTF-8 byte) order: the largest code point. */
    private static final String AFTER_EVERY_CONTINUATION = new String(Character.toChars(Character.MAX_CODE_POINT));

    @Override
    public List<MatchHolder> holdersStartingWith(String canonicalType, String prefix, int limit) {
        if (prefix == null || prefix.isEmpty() || limit <= 0) {
            return List.of();
        }
        // a range of tolk_match_key_by_key (SQLite compares text as bytes; PostgreSQL does with COLLATE "C")
        return read(c -> Sql.list(c, "SELECT match_key, record_system, record_type, record_id FROM tolk_match_key"
                        + " WHERE connection_name = ? AND canonical_type = ? AND match_key" + binary + " >= ?"
                        + " AND match_key" + binary + " < ? ORDER BY match_key" + binary + ", " + refOrder() + " LIMIT ?",
                rs -> new MatchHolder(rs.getString("match_key"), ref(rs)),
                name, canonicalType, prefix, prefix + AFTER_EVERY_CONTINUATION, limit)
                .stream().filter(h -> h.key().startsWith(prefix)).toList());
    }

    // ------------------------------------------------------------------ entities

    private static final String ENTITY_COLUMNS = "entity_id, canonical_type, flow_id, baseline, forced, created_at, updated_at";

    private static final String UPSERT_ENTITY = "INSERT INTO tolk_entity (connection_name, " + ENTITY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (connection_name, entity_id) DO UPDATE SET canonical_type = excluded.canonical_type,"
            + " flow_id = excluded.flow_id, baseline = excluded.baseline, forced = excluded.forced,"
            + " created_at = excluded.created_at, updated_at = excluded.updated_at";

    private Object[] entityArgs(Entity e) {
        return new Object[]{name, e.id(), e.canonicalType(), e.flowId(), Json.strings(e.baseline()), Json.strings(e.forced()),
                e.createdAt(), e.updatedAt()};
    }

    private static Entity entityRow(ResultSet rs) throws SQLException {
        return new Entity(rs.getString("entity_id"), rs.getString("canonical_type"), rs.getString("flow_id"),
                Json.strings(rs.getString("baseline")), Json.strings(rs.getString("forced")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    @Override
    public Optional<Entity> entity(String id) {
        return read(c -> Sql.one(c, "SELECT " + ENTITY_COLUMNS + " FROM tolk_entity WHERE connection_name = ? AND entity_id = ?",
                JdbcConnectionStore::entityRow, name, id));
    }

    @Override
    public Map<String, Entity> entities(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Entity> out = new LinkedHashMap<>();
        read(c -> byStrings(c, ids, "SELECT " + ENTITY_COLUMNS + " FROM tolk_entity WHERE connection_name = ? AND entity_id",
                JdbcConnectionStore::entityRow)).forEach(e -> out.put(e.id(), e));
        return out;
    }

    @Override
    public void putEntity(Entity e) {
        write(c -> Sql.update(c, UPSERT_ENTITY, entityArgs(e)));
    }

    @Override
    public void removeEntity(String id) {
        write(c -> Sql.update(c, "DELETE FROM tolk_entity WHERE connection_name = ? AND entity_id = ?", name, id));
    }

    @Override
    public List<Entity> entities(String afterId, int limit) {
        return read(c -> afterId == null
                ? Sql.list(c, "SELECT " + ENTITY_COLUMNS + " FROM tolk_entity WHERE connection_name = ? ORDER BY entity_id"
                        + binary + " LIMIT ?", JdbcConnectionStore::entityRow, name, limit)
                : Sql.list(c, "SELECT " + ENTITY_COLUMNS + " FROM tolk_entity WHERE connection_name = ? AND entity_id" + binary
                        + " > ? ORDER BY entity_id" + binary + " LIMIT ?", JdbcConnectionStore::entityRow, name, afterId, limit));
    }

    // ------------------------------------------------------------------ links

    private static final String LINK_COLUMNS = "record_system, record_type, record_id, entity_id, link_state, last_seen,"
            + " last_written, written_at, echo_pending, linked_at";

    private static final String UPSERT_LINK = "INSERT INTO tolk_link (connection_name, " + LINK_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (connection_name, record_system, record_type, record_id) DO UPDATE SET"
            + " entity_id = excluded.entity_id, link_state = excluded.link_state, last_seen = excluded.last_seen,"
            + " last_written = excluded.last_written, written_at = excluded.written_at,"
            + " echo_pending = excluded.echo_pending, linked_at = excluded.linked_at";

    private Object[] linkArgs(Link l) {
        return new Object[]{name, l.ref().system(), l.ref().type(), l.ref().id(), l.entityId(), l.state(),
                Json.strings(l.lastSeen()), Json.strings(l.lastWritten()), l.writtenAt(), l.echo().code(), l.linkedAt()};
    }

    private static Link linkRow(ResultSet rs) throws SQLException {
        return new Link(ref(rs), rs.getString("entity_id"), LinkState.valueOf(rs.getString("link_state")),
                Json.strings(rs.getString("last_seen")), Json.strings(rs.getString("last_written")),
                Sql.instant(rs, "written_at"), EchoExpectation.ofCode(rs.getInt("echo_pending")), Sql.instant(rs, "linked_at"));
    }

    @Override
    public Optional<Link> link(RecordRef ref) {
        return read(c -> Sql.one(c, "SELECT " + LINK_COLUMNS + " FROM tolk_link"
                        + " WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                JdbcConnectionStore::linkRow, name, ref.system(), ref.type(), ref.id()));
    }

    @Override
    public Map<RecordRef, Link> links(Collection<RecordRef> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        Map<RecordRef, Link> out = new LinkedHashMap<>();
        read(c -> byRefs(c, refs, "SELECT " + LINK_COLUMNS + " FROM tolk_link", JdbcConnectionStore::linkRow))
                .forEach(l -> out.put(l.ref(), l));
        return out;
    }

    @Override
    public List<Link> links(RecordRef after, int limit) {
        String base = "SELECT " + LINK_COLUMNS + " FROM tolk_link WHERE connection_name = ?";
        String order = " ORDER BY " + refOrder() + " LIMIT ?";
        if (after == null) {
            return read(c -> Sql.list(c, base + order, JdbcConnectionStore::linkRow, name, limit));
        }
        String s = "record_system" + binary;
        String t = "record_type" + binary;
        String i = "record_id" + binary;
        return read(c -> Sql.list(c, base + " AND (" + s + " > ? OR (" + s + " = ? AND " + t + " > ?) OR (" + s + " = ? AND "
                        + t + " = ? AND " + i + " > ?))" + order, JdbcConnectionStore::linkRow, name,
                after.system(), after.system(), after.type(), after.system(), after.type(), after.id(), limit));
    }

    @Override
    public void putLink(Link l) {
        write(c -> Sql.update(c, UPSERT_LINK, linkArgs(l)));
    }

    @Override
    public void removeLink(RecordRef ref) {
        write(c -> Sql.update(c, "DELETE FROM tolk_link"
                        + " WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                name, ref.system(), ref.type(), ref.id()));
    }

    @Override
    public List<Link> linksOf(String entityId) {
        return read(c -> Sql.list(c, "SELECT " + LINK_COLUMNS + " FROM tolk_link WHERE connection_name = ? AND entity_id = ?"
                + " ORDER BY " + refOrder(), JdbcConnectionStore::linkRow, name, entityId));
    }

    @Override
    public Map<String, List<Link>> linksOf(Collection<String> entityIds) {
        if (entityIds.isEmpty()) {
            return Map.of();
        }
        List<Link> all = read(c -> byStrings(c, entityIds, "SELECT " + LINK_COLUMNS
                + " FROM tolk_link WHERE connection_name = ? AND entity_id", JdbcConnectionStore::linkRow));
        all.sort(java.util.Comparator.comparing(Link::ref, io.tolk.engine.store.InMemoryStore.REF_ORDER));
        Map<String, List<Link>> out = new LinkedHashMap<>();
        for (Link l : all) {
            List<Link> mine = out.computeIfAbsent(l.entityId(), k -> new ArrayList<>());
            if (!mine.contains(l)) {
                mine.add(l);
            }
        }
        return out;
    }

    @Override
    public long countLinkedEntities() {
        return read(c -> Sql.one(c, "SELECT COUNT(*) FROM (SELECT entity_id FROM tolk_link WHERE connection_name = ?"
                + " GROUP BY entity_id HAVING COUNT(*) >= 2) x", rs -> rs.getLong(1), name).orElse(0L));
    }

    @Override
    public List<String> entitiesWithDeletedMember(String afterId, int limit) {
        String sql = "SELECT entity_id FROM (" + DELETED_MEMBER_ENTITIES + ") x"
                + (afterId == null ? "" : " WHERE entity_id" + binary + " > ?") + " GROUP BY entity_id ORDER BY entity_id"
                + binary + " LIMIT ?";
        return read(c -> afterId == null
                ? Sql.list(c, sql, rs -> rs.getString(1), name, name, limit)
                : Sql.list(c, sql, rs -> rs.getString(1), name, name, afterId, limit));
    }

    // ------------------------------------------------------------------ write intents

    private static final String INTENT_COLUMNS = "intent_key, write_op, source_system, source_type, source_id, target_system,"
            + " target_type, target_id, entity_id, fields, created_at, intent_state, result_id";

    private static WriteIntent intentRow(ResultSet rs) throws SQLException {
        return new WriteIntent(rs.getString("intent_key"), WriteOperation.valueOf(rs.getString("write_op")),
                new RecordRef(rs.getString("source_system"), rs.getString("source_type"), rs.getString("source_id")),
                rs.getString("target_system"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("entity_id"),
                Json.strings(rs.getString("fields")), Sql.instant(rs, "created_at"),
                IntentState.valueOf(rs.getString("intent_state")), rs.getString("result_id"));
    }

    @Override
    public Optional<WriteIntent> intent(String key) {
        return read(c -> Sql.one(c, "SELECT " + INTENT_COLUMNS + " FROM tolk_intent WHERE connection_name = ? AND intent_key = ?",
                JdbcConnectionStore::intentRow, name, key));
    }

    @Override
    public void putIntent(WriteIntent i) {
        write(c -> {
            putIntents(c, List.of(i));
            return null;
        });
    }

    /** Upserts intents; new ones take the next sequence numbers (an existing intent keeps its place). */
    private void putIntents(Connection c, List<WriteIntent> intents) throws SQLException {
        if (intents.isEmpty()) {
            return;
        }
        long seq = reserve(c, SEQ, intents.size());
        List<Object[]> rows = new ArrayList<>();
        for (WriteIntent i : intents) {
            rows.add(new Object[]{i.key(), i.operation(), i.source().system(), i.source().type(), i.source().id(), i.system(),
                    i.type(), i.targetId(), i.entityId(), Json.strings(i.fields()), i.createdAt(), i.state(), i.resultId(), name, seq++});
        }
        Sql.batch(c, "INSERT INTO tolk_intent (" + INTENT_COLUMNS + ", connection_name, seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connection_name, intent_key) DO UPDATE SET"
                + " write_op = excluded.write_op, target_id = excluded.target_id, source_system = excluded.source_system, source_type = excluded.source_type, source_id = excluded.source_id,"
                + " target_system = excluded.target_system, target_type = excluded.target_type, entity_id = excluded.entity_id,"
                + " fields = excluded.fields, created_at = excluded.created_at, intent_state = excluded.intent_state,"
                + " result_id = excluded.result_id", rows);
    }

    @Override
    public List<WriteIntent> intents(IntentState state) {
        return read(c -> Sql.list(c, "SELECT " + INTENT_COLUMNS + " FROM tolk_intent WHERE connection_name = ? AND intent_state = ?"
                + " ORDER BY seq", JdbcConnectionStore::intentRow, name, state));
    }

    @Override
    public Set<String> entitiesWithPendingIntent(Collection<String> entityIds) {
        if (entityIds.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(read(c -> byStrings(c, entityIds, "SELECT DISTINCT entity_id FROM tolk_intent"
                + " WHERE intent_state = 'PENDING' AND connection_name = ? AND entity_id", rs -> rs.getString(1))));
    }

    // ------------------------------------------------------------------ checkpoints

    private static final String UPSERT_CHECKPOINT = "INSERT INTO tolk_checkpoint (connection_name, record_system, stream,"
            + " checkpoint_value) VALUES (?, ?, ?, ?) ON CONFLICT (connection_name, record_system, stream)"
            + " DO UPDATE SET checkpoint_value = excluded.checkpoint_value";

    @Override
    public Checkpoint checkpoint(StreamKey stream) {
        return read(c -> Sql.one(c, "SELECT checkpoint_value FROM tolk_checkpoint"
                        + " WHERE connection_name = ? AND record_system = ? AND stream = ?",
                rs -> new Checkpoint(rs.getString(1)), name, stream.system(), stream.storedName())).orElse(Checkpoint.NONE);
    }

    @Override
    public void putCheckpoint(StreamKey stream, Checkpoint checkpoint) {
        write(c -> Sql.update(c, UPSERT_CHECKPOINT, name, stream.system(), stream.storedName(),
                checkpoint == null ? null : checkpoint.value()));
    }

    // ------------------------------------------------------------------ failures

    private static final String FAILURE_COLUMNS = "failure_id, record_system, record_type, record_id, target, reason, attempts,"
            + " first_at, last_at, next_retry_at, source_hash";

    private static Failure failureRow(ResultSet rs) throws SQLException {
        return new Failure(rs.getLong("failure_id"), ref(rs), rs.getString("target"), rs.getString("reason"),
                rs.getInt("attempts"), Sql.instant(rs, "first_at"), Sql.instant(rs, "last_at"),
                Sql.instant(rs, "next_retry_at"), rs.getString("source_hash"));
    }

    @Override
    public Failure putFailure(Failure f) {
        return write(c -> putFailures(c, List.of(f)).get(0));
    }

    /**
     * Stores failures, each replacing the one of the same record and target and keeping its id; a new failure takes its
     * own id when it has one (a copied store), else the next.
     */
    private List<Failure> putFailures(Connection c, List<Failure> failures) throws SQLException {
        if (failures.isEmpty()) {
            return List.of();
        }
        List<Failure> stored = new ArrayList<>();
        List<Failure> fresh = new ArrayList<>();
        Map<String, Long> existing = new HashMap<>();
        for (Failure f : failures) {
            failure(c, f.record(), f.target()).ifPresent(old -> existing.put(key(f), old.id()));
        }
        for (Failure f : failures) {
            if (!existing.containsKey(key(f)) && f.id() == 0) {
                fresh.add(f);
            }
        }
        long id = fresh.isEmpty() ? 0 : reserve(c, IDS, fresh.size());
        List<Object[]> rows = new ArrayList<>();
        for (Failure f : failures) {
            long fid;
            if (existing.containsKey(key(f))) {
                fid = existing.get(key(f));
            } else if (f.id() != 0) {
                fid = f.id();
                Sql.update(c, "DELETE FROM tolk_failure WHERE connection_name = ? AND failure_id = ?", name, fid);
                atLeast(c, IDS, fid);
            } else {
                fid = id++;
            }
            Failure s = f.withId(fid);
            stored.add(s);
            rows.add(new Object[]{name, fid, f.record().system(), f.record().type(), f.record().id(), f.target(), f.reason(),
                    f.attempts(), f.firstAt(), f.lastAt(), f.nextRetryAt(), f.sourceHash(),
                    f.nextRetryAt() == null ? 0L : Sql.nanos(f.nextRetryAt())});
        }
        Sql.batch(c, "INSERT INTO tolk_failure (connection_name, " + FAILURE_COLUMNS + ", next_retry_nanos)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (connection_name, record_system, record_type, record_id, target) DO UPDATE SET"
                + " reason = excluded.reason, attempts = excluded.attempts, first_at = excluded.first_at,"
                + " last_at = excluded.last_at, next_retry_at = excluded.next_retry_at, source_hash = excluded.source_hash,"
                + " next_retry_nanos = excluded.next_retry_nanos", rows);
        return stored;
    }

    private static String key(Failure f) {
        return f.record() + "\u0000" + f.target();
    }

    @Override
    public Optional<Failure> failure(long id) {
        return read(c -> Sql.one(c, "SELECT " + FAILURE_COLUMNS + " FROM tolk_failure WHERE connection_name = ? AND failure_id = ?",
                JdbcConnectionStore::failureRow, name, id));
    }

    @Override
    public Optional<Failure> failure(RecordRef record, String target) {
        return read(c -> failure(c, record, target));
    }

    private Optional<Failure> failure(Connection c, RecordRef record, String target) throws SQLException {
        return Sql.one(c, "SELECT " + FAILURE_COLUMNS + " FROM tolk_failure WHERE connection_name = ? AND record_system = ?"
                        + " AND record_type = ? AND record_id = ? AND target = ?",
                JdbcConnectionStore::failureRow, name, record.system(), record.type(), record.id(), target);
    }

    @Override
    public List<Failure> failuresOf(Collection<RecordRef> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<Failure> out = new ArrayList<>(read(c -> byRefs(c, records, "SELECT DISTINCT " + FAILURE_COLUMNS
                + " FROM tolk_failure", JdbcConnectionStore::failureRow)));
        out.sort(java.util.Comparator.comparingLong(Failure::id));
        return out;
    }

    @Override
    public List<Failure> failures() {
        return read(c -> Sql.list(c, "SELECT " + FAILURE_COLUMNS + " FROM tolk_failure WHERE connection_name = ? ORDER BY failure_id",
                JdbcConnectionStore::failureRow, name));
    }

    @Override
    public void removeFailure(long id) {
        write(c -> Sql.update(c, "DELETE FROM tolk_failure WHERE connection_name = ? AND failure_id = ?", name, id));
    }

    // ------------------------------------------------------------------ conflicts

    private static final String CONFLICT_COLUMNS = "conflict_id, entity_id, flow_id, property, winner_side, winner_value,"
            + " loser_side, loser_value, reason, at_time, restored";

    private static Conflict conflictRow(ResultSet rs) throws SQLException {
        return new Conflict(rs.getLong("conflict_id"), rs.getString("entity_id"), rs.getString("flow_id"),
                rs.getString("property"), rs.getString("winner_side"), rs.getString("winner_value"),
                rs.getString("loser_side"), rs.getString("loser_value"), rs.getString("reason"),
                Sql.instant(rs, "at_time"), Sql.bool(rs, "restored"));
    }

    @Override
    public Conflict putConflict(Conflict conflict) {
        return write(c -> putConflicts(c, List.of(conflict)).get(0));
    }

    private List<Conflict> putConflicts(Connection c, List<Conflict> conflicts) throws SQLException {
        if (conflicts.isEmpty()) {
            return List.of();
        }
        long fresh = conflicts.stream().filter(x -> x.id() == 0).count();
        long id = fresh == 0 ? 0 : reserve(c, IDS, (int) fresh);
        List<Conflict> stored = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (Conflict x : conflicts) {
            Conflict s;
            if (x.id() == 0) {
                s = x.withId(id++);
            } else {
                s = x;
                atLeast(c, IDS, x.id());
            }
            stored.add(s);
            rows.add(new Object[]{name, s.id(), s.entityId(), s.flowId(), s.property(), s.winnerSide(), s.winnerValue(),
                    s.loserSide(), s.loserValue(), s.reason(), s.at(), s.restored()});
        }
        Sql.batch(c, "INSERT INTO tolk_conflict (connection_name, " + CONFLICT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (connection_name, conflict_id) DO UPDATE SET entity_id = excluded.entity_id,"
                + " flow_id = excluded.flow_id, property = excluded.property, winner_side = excluded.winner_side,"
                + " winner_value = excluded.winner_value, loser_side = excluded.loser_side,"
                + " loser_value = excluded.loser_value, reason = excluded.reason, at_time = excluded.at_time,"
                + " restored = excluded.restored", rows);
        return stored;
    }

    @Override
    public Optional<Conflict> conflict(long id) {
        return read(c -> Sql.one(c, "SELECT " + CONFLICT_COLUMNS + " FROM tolk_conflict WHERE connection_name = ? AND conflict_id = ?",
                JdbcConnectionStore::conflictRow, name, id));
    }

    @Override
    public List<Conflict> conflicts(int limit) {
        return read(c -> Sql.list(c, "SELECT " + CONFLICT_COLUMNS + " FROM tolk_conflict WHERE connection_name = ?"
                + " ORDER BY conflict_id DESC LIMIT ?", JdbcConnectionStore::conflictRow, name, Math.max(0, limit)));
    }

    // ------------------------------------------------------------------ review queue

    private static final String REVIEW_COLUMNS = "review_id, record_system, record_type, record_id, flow_id, candidates, reason,"
            + " at_time, origin";

    private static ReviewItem reviewRow(ResultSet rs) throws SQLException {
        return new ReviewItem(rs.getLong("review_id"), ref(rs), rs.getString("flow_id"), Json.refs(rs.getString("candidates")),
                rs.getString("reason"), Sql.instant(rs, "at_time"), ReviewOrigin.ofCode(rs.getString("origin")));
    }

    @Override
    public ReviewItem putReview(ReviewItem item) {
        return write(c -> putReviews(c, List.of(item)).get(0));
    }

    private List<ReviewItem> putReviews(Connection c, List<ReviewItem> items) throws SQLException {
        if (items.isEmpty()) {
            return List.of();
        }
        List<ReviewItem> stored = new ArrayList<>();
        for (ReviewItem item : items) {
            RecordRef r = item.record();
            Optional<Long> existing = Sql.one(c, "SELECT review_id FROM tolk_review WHERE connection_name = ? AND record_system = ?"
                    + " AND record_type = ? AND record_id = ?", rs -> rs.getLong(1), name, r.system(), r.type(), r.id());
            long id;
            if (existing.isPresent()) {
                id = existing.get();
            } else if (item.id() != 0) {
                id = item.id(); // a copied store keeps its ids
                Sql.update(c, "DELETE FROM tolk_review WHERE connection_name = ? AND review_id = ?", name, id);
                atLeast(c, IDS, id);
            } else {
                id = next(c, IDS);
            }
            ReviewItem s = item.withId(id);
            Sql.update(c, "INSERT INTO tolk_review (connection_name, " + REVIEW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (connection_name, record_system, record_type, record_id) DO UPDATE SET"
                            + " flow_id = excluded.flow_id, candidates = excluded.candidates, reason = excluded.reason,"
                            + " at_time = excluded.at_time, origin = excluded.origin",
                    name, s.id(), r.system(), r.type(), r.id(), s.flowId(), Json.refs(s.candidates()), s.reason(), s.at(),
                    s.origin().code());
            stored.add(s);
        }
        return stored;
    }

    @Override
    public Optional<ReviewItem> review(RecordRef record) {
        return read(c -> Sql.one(c, "SELECT " + REVIEW_COLUMNS + " FROM tolk_review WHERE connection_name = ? AND record_system = ?"
                        + " AND record_type = ? AND record_id = ?",
                JdbcConnectionStore::reviewRow, name, record.system(), record.type(), record.id()));
    }

    @Override
    public Map<RecordRef, ReviewItem> reviews(Collection<RecordRef> records) {
        if (records.isEmpty()) {
            return Map.of();
        }
        Map<RecordRef, ReviewItem> out = new LinkedHashMap<>();
        read(c -> byRefs(c, records, "SELECT " + REVIEW_COLUMNS + " FROM tolk_review", JdbcConnectionStore::reviewRow))
                .forEach(r -> out.put(r.record(), r));
        return out;
    }

    @Override
    public void removeReview(RecordRef record) {
        write(c -> Sql.update(c, "DELETE FROM tolk_review WHERE connection_name = ? AND record_system = ? AND record_type = ?"
                + " AND record_id = ?", name, record.system(), record.type(), record.id()));
    }

    @Override
    public List<ReviewItem> reviews() {
        return read(c -> Sql.list(c, "SELECT " + REVIEW_COLUMNS + " FROM tolk_review WHERE connection_name = ? ORDER BY review_id",
                JdbcConnectionStore::reviewRow, name));
    }

    @Override
    public Map<String, Long> reviewsByFlow() {
        return read(c -> counts(c, REVIEWS_BY_FLOW));
    }

    // ------------------------------------------------------------------ status

    /** Per entity with two or more links: how many are deleted, filtered out, and clean (processed, no failure). */
    private static final String LINKED_BY_FLOW = """
            SELECT e.flow_id, COUNT(*) AS linked,
                   SUM(CASE WHEN x.filtered = 0 AND x.clean = x.n THEN 1 ELSE 0 END) AS in_sync,
                   SUM(CASE WHEN x.filtered > 0 THEN 1 ELSE 0 END) AS filtered_out
            FROM tolk_entity e
            JOIN (SELECT l.entity_id, COUNT(*) AS n,
                         SUM(CASE WHEN l.link_state = 'DELETED_IN_SOURCE' THEN 1 ELSE 0 END) AS deleted,
                         SUM(CASE WHEN l.link_state = 'FILTERED_OUT' THEN 1 ELSE 0 END) AS filtered,
                         SUM(CASE WHEN s.processed = 1 AND NOT EXISTS (
                                 SELECT 1 FROM tolk_failure f WHERE f.connection_name = l.connection_name
                                 AND f.record_system = l.record_system AND f.record_type = l.record_type
                                 AND f.record_id = l.record_id) THEN 1 ELSE 0 END) AS clean
                  FROM tolk_link l
                  LEFT JOIN tolk_snapshot s ON s.connection_name = l.connection_name
                       AND s.record_system = l.record_system AND s.record_type = l.record_type
                       AND s.record_id = l.record_id
                  WHERE l.connection_name = ?
                  GROUP BY l.entity_id) x ON x.entity_id = e.entity_id
            WHERE e.connection_name = ? AND x.n >= 2 AND x.deleted = 0
            GROUP BY e.flow_id""";

    private static final String FAILURES_BY_FLOW = """
            SELECT e.flow_id, f.record_system, f.record_type, COUNT(*) AS failures
            FROM tolk_failure f
            LEFT JOIN tolk_link l ON l.connection_name = f.connection_name AND l.record_system = f.record_system
                 AND l.record_type = f.record_type AND l.record_id = f.record_id
            LEFT JOIN tolk_entity e ON e.connection_name = l.connection_name AND e.entity_id = l.entity_id
            WHERE f.connection_name = ?
            GROUP BY e.flow_id, f.record_system, f.record_type""";

    @Override
    public StatusTally statusTally() {
        return read(c -> {
            Map<String, StatusTally.Linked> linked = new HashMap<>();
            for (Object[] row : Sql.list(c, LINKED_BY_FLOW, rs -> new Object[]{rs.getString(1),
                    new StatusTally.Linked(rs.getLong(2), rs.getLong(3), rs.getLong(4))}, name, name)) {
                linked.put((String) row[0], (StatusTally.Linked) row[1]);
            }
            return new StatusTally(linked, failureTally(c), counts(c, OPEN_CONFLICTS_BY_FLOW), counts(c, REVIEWS_BY_FLOW));
        });
    }

    private static final String OPEN_CONFLICTS_BY_FLOW = "SELECT flow_id, COUNT(*) FROM tolk_conflict"
            + " WHERE connection_name = ? AND restored = 0 AND flow_id IS NOT NULL GROUP BY flow_id";
    private static final String REVIEWS_BY_FLOW = "SELECT flow_id, COUNT(*) FROM tolk_review WHERE connection_name = ?"
            + " AND flow_id IS NOT NULL GROUP BY flow_id";

    @Override
    public Map<String, Long> openConflictsByFlow() {
        return read(c -> counts(c, OPEN_CONFLICTS_BY_FLOW));
    }

    @Override
    public List<StatusTally.Failures> failureTally() {
        return read(this::failureTally);
    }

    private List<StatusTally.Failures> failureTally(Connection c) throws SQLException {
        return Sql.list(c, FAILURES_BY_FLOW, rs -> new StatusTally.Failures(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getLong(4)), name);
    }

    private Map<String, Long> counts(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        for (Object[] row : Sql.list(c, sql, rs -> new Object[]{rs.getString(1), rs.getLong(2)}, name)) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    // ------------------------------------------------------------------ activity

    @Override
    public void appendActivity(Activity a) {
        write(c -> {
            appendActivities(c, List.of(a));
            return null;
        });
    }

    private void appendActivities(Connection c, List<Activity> lines) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        long seq = reserve(c, SEQ, lines.size());
        List<Object[]> rows = new ArrayList<>();
        for (Activity a : lines) {
            rows.add(new Object[]{name, seq++, a.record().system(), a.record().type(), a.record().id(), a.at(), Sql.nanos(a.at()),
                    a.kind().code(), a.detail()});
        }
        Sql.batch(c, "INSERT INTO tolk_activity (connection_name, seq, record_system, record_type, record_id,"
                + " at_time, at_nanos, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    @Override
    public List<Activity> activity(RecordRef record, int limit) {
        return read(c -> Sql.list(c, "SELECT at_time, action, detail FROM tolk_activity WHERE connection_name = ?"
                        + " AND record_system = ? AND record_type = ? AND record_id = ? ORDER BY at_nanos DESC, seq DESC LIMIT ?",
                rs -> new Activity(record, Sql.instant(rs, "at_time"), ActivityKind.ofCode(rs.getString("action")),
                        rs.getString("detail")),
                name, record.system(), record.type(), record.id(), Math.max(0, limit)));
    }

    // ------------------------------------------------------------------ runs

    @Override
    public RunRecord addRun(RunRecord run) {
        return write(c -> {
            RunRecord stored = run.withId(next(c, IDS));
            Sql.update(c, "INSERT INTO tolk_run (connection_name, run_id, started_at, finished_at, counts, api_calls, outcome, error)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    name, stored.id(), stored.startedAt(), stored.finishedAt(), Json.longs(stored.counts()),
                    Json.longs(stored.apiCalls()), stored.outcome().code(), stored.error());
            return stored;
        });
    }

    @Override
    public List<RunRecord> runs(int limit) {
        return read(c -> Sql.list(c, "SELECT run_id, started_at, finished_at, counts, api_calls, outcome, error FROM tolk_run"
                        + " WHERE connection_name = ? ORDER BY run_id DESC LIMIT ?",
                rs -> new RunRecord(rs.getLong("run_id"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                        Json.longs(rs.getString("counts")), Json.longs(rs.getString("api_calls")),
                        RunOutcome.ofCode(rs.getString("outcome")), rs.getString("error")),
                name, Math.max(0, limit)));
    }

    // ------------------------------------------------------------------ housekeeping

    @Override
    public io.tolk.engine.store.Pruned prune(io.tolk.engine.store.Retention retention) {
        return new Pruning(db, name).prune(retention);
    }

    @Override
    public io.tolk.engine.store.Pruned prunable(io.tolk.engine.store.Retention retention) {
        return new Pruning(db, name).count(retention);
    }

    // ------------------------------------------------------------------ mapping fingerprint

    @Override
    public Optional<String> mappingFingerprint() {
        return read(c -> Sql.one(c, "SELECT mapping_fingerprint FROM tolk_connection WHERE connection_name = ?",
                rs -> Optional.ofNullable(rs.getString(1)), name)).flatMap(o -> o);
    }

    @Override
    public void putMappingFingerprint(String fingerprint) {
        write(c -> Sql.update(c, "INSERT INTO tolk_connection (connection_name, mapping_fingerprint) VALUES (?, ?)"
                + " ON CONFLICT (connection_name) DO UPDATE SET mapping_fingerprint = excluded.mapping_fingerprint", name, fingerprint));
    }
}
