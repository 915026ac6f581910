package io.tolk.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.Conflict;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.CreateIntent;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.IntentState;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.RunRecord;
import io.tolk.engine.store.Snapshot;
import io.tolk.engine.store.StatusTally;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One connection's state in the JDBC store. Every method runs in its own transaction unless the calling thread is
 * inside {@link #inTransaction}, in which case it joins that one. Rows carry the connection's name.
 */
final class JdbcConnectionStore implements ConnectionStore {

    /** The counter that numbers failures, conflicts, review items and runs. */
    private static final String IDS = "id";
    /** The counter that orders intents and activity lines. */
    private static final String SEQ = "seq";

    private final Database db;
    private final String name;
    /** Text ordering that matches Java's String order on every database (PostgreSQL's default collation does not). */
    private final String binary;
    /** The connection's row in tolk_connection is known to be committed. */
    private volatile boolean registered;
    /** Set while this thread runs {@link #inTransaction}, whose first write registered the connection. */
    private final ThreadLocal<Boolean> registeredInTransaction = new ThreadLocal<>();

    JdbcConnectionStore(Database db, String name) {
        this.db = db;
        this.name = name;
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
        T result = db.write(c -> {
            if (!registered && registeredInTransaction.get() == null) {
                Sql.update(c, "INSERT INTO tolk_connection (connection_name) VALUES (?) ON CONFLICT (connection_name) DO NOTHING", name);
            }
            return work.apply(c);
        });
        if (outer) {
            registered = true; // committed: the connection's row exists
        }
        return result;
    }

    private long next(Connection c, String kind) throws SQLException {
        Sql.update(c, """
                INSERT INTO tolk_counter (connection_name, kind, last_value) VALUES (?, ?, 1)
                ON CONFLICT (connection_name, kind) DO UPDATE SET last_value = tolk_counter.last_value + 1""", name, kind);
        return Sql.one(c, "SELECT last_value FROM tolk_counter WHERE connection_name = ? AND kind = ?",
                rs -> rs.getLong(1), name, kind).orElseThrow();
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

    // ------------------------------------------------------------------ transactions

    @Override
    public void inTransaction(Consumer<ConnectionStore> work) {
        write(c -> {
            boolean outermost = registeredInTransaction.get() == null;
            if (outermost) {
                registeredInTransaction.set(Boolean.TRUE);
            }
            try {
                work.accept(this);
            } finally {
                if (outermost) {
                    registeredInTransaction.remove();
                }
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ snapshots

    private static final String SNAPSHOT_COLUMNS =
            "record_system, record_type, record_id, content_hash, fields, modified_at, field_modified_at, processed, last_complete_scan_at";

    private static Snapshot snapshotRow(ResultSet rs) throws SQLException {
        return new Snapshot(new RecordRef(rs.getString("record_system"), rs.getString("record_type"), rs.getString("record_id")),
                rs.getString("content_hash"), Json.strings(rs.getString("fields")), Sql.instant(rs, "modified_at"),
                Json.instants(rs.getString("field_modified_at")), Sql.bool(rs, "processed"),
                Sql.instant(rs, "last_complete_scan_at"));
    }

    @Override
    public Optional<Snapshot> snapshot(RecordRef ref) {
        return read(c -> Sql.one(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM tolk_snapshot"
                        + " WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                JdbcConnectionStore::snapshotRow, name, ref.system(), ref.type(), ref.id()));
    }

    @Override
    public void putSnapshot(Snapshot s) {
        write(c -> Sql.update(c, "INSERT INTO tolk_snapshot (connection_name, " + SNAPSHOT_COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (connection_name, record_system, record_type, record_id) DO UPDATE SET"
                        + " content_hash = excluded.content_hash, fields = excluded.fields, modified_at = excluded.modified_at,"
                        + " field_modified_at = excluded.field_modified_at, processed = excluded.processed,"
                        + " last_complete_scan_at = excluded.last_complete_scan_at",
                name, s.ref().system(), s.ref().type(), s.ref().id(), s.hash(), Json.strings(s.fields()), s.modifiedAt(),
                Json.instants(s.fieldModifiedAt()), s.processed(), s.lastCompleteScanAt()));
    }

    @Override
    public void removeSnapshot(RecordRef ref) {
        write(c -> Sql.update(c, "DELETE FROM tolk_snapshot"
                        + " WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                name, ref.system(), ref.type(), ref.id()));
    }

    @Override
    public List<Snapshot> snapshots(String system, String type) {
        return read(c -> Sql.list(c, "SELECT " + SNAPSHOT_COLUMNS + " FROM tolk_snapshot"
                        + " WHERE connection_name = ? AND record_system = ? AND record_type = ? ORDER BY record_id" + binary,
                JdbcConnectionStore::snapshotRow, name, system, type));
    }

    @Override
    public void markProcessed(RecordRef ref, String hash) {
        write(c -> Sql.update(c, "UPDATE tolk_snapshot SET processed = 1 WHERE connection_name = ? AND record_system = ?"
                        + " AND record_type = ? AND record_id = ? AND content_hash = ?",
                name, ref.system(), ref.type(), ref.id(), hash));
    }

    // ------------------------------------------------------------------ entities

    private static final String ENTITY_COLUMNS = "entity_id, canonical_type, flow_id, baseline, forced, created_at, updated_at";

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
    public void putEntity(Entity e) {
        write(c -> Sql.update(c, "INSERT INTO tolk_entity (connection_name, " + ENTITY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (connection_name, entity_id) DO UPDATE SET canonical_type = excluded.canonical_type,"
                        + " flow_id = excluded.flow_id, baseline = excluded.baseline, forced = excluded.forced,"
                        + " created_at = excluded.created_at, updated_at = excluded.updated_at",
                name, e.id(), e.canonicalType(), e.flowId(), Json.strings(e.baseline()), Json.strings(e.forced()),
                e.createdAt(), e.updatedAt()));
    }

    @Override
    public void removeEntity(String id) {
        write(c -> Sql.update(c, "DELETE FROM tolk_entity WHERE connection_name = ? AND entity_id = ?", name, id));
    }

    @Override
    public List<Entity> entities() {
        return read(c -> Sql.list(c, "SELECT " + ENTITY_COLUMNS + " FROM tolk_entity WHERE connection_name = ? ORDER BY entity_id" + binary,
                JdbcConnectionStore::entityRow, name));
    }

    // ------------------------------------------------------------------ links

    private static final String LINK_COLUMNS = "record_system, record_type, record_id, entity_id, link_state, last_seen,"
            + " last_written, written_at, echo_pending, linked_at";

    private static Link linkRow(ResultSet rs) throws SQLException {
        return new Link(new RecordRef(rs.getString("record_system"), rs.getString("record_type"), rs.getString("record_id")),
                rs.getString("entity_id"), LinkState.valueOf(rs.getString("link_state")), Json.strings(rs.getString("last_seen")),
                Json.strings(rs.getString("last_written")), Sql.instant(rs, "written_at"), Sql.bool(rs, "echo_pending"),
                Sql.instant(rs, "linked_at"));
    }

    @Override
    public Optional<Link> link(RecordRef ref) {
        return read(c -> Sql.one(c, "SELECT " + LINK_COLUMNS + " FROM tolk_link"
                        + " WHERE connection_name = ? AND record_system = ? AND record_type = ? AND record_id = ?",
                JdbcConnectionStore::linkRow, name, ref.system(), ref.type(), ref.id()));
    }

    @Override
    public void putLink(Link l) {
        write(c -> Sql.update(c, "INSERT INTO tolk_link (connection_name, " + LINK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (connection_name, record_system, record_type, record_id) DO UPDATE SET"
                        + " entity_id = excluded.entity_id, link_state = excluded.link_state, last_seen = excluded.last_seen,"
                        + " last_written = excluded.last_written, written_at = excluded.written_at,"
                        + " echo_pending = excluded.echo_pending, linked_at = excluded.linked_at",
                name, l.ref().system(), l.ref().type(), l.ref().id(), l.entityId(), l.state(), Json.strings(l.lastSeen()),
                Json.strings(l.lastWritten()), l.writtenAt(), l.echoPending(), l.linkedAt()));
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
    public List<Link> links() {
        return read(c -> Sql.list(c, "SELECT " + LINK_COLUMNS + " FROM tolk_link WHERE connection_name = ? ORDER BY " + refOrder(),
                JdbcConnectionStore::linkRow, name));
    }

    // ------------------------------------------------------------------ create intents

    private static final String INTENT_COLUMNS = "intent_key, source_system, source_type, source_id, target_system, target_type,"
            + " entity_id, fields, created_at, intent_state, result_id";

    private static CreateIntent intentRow(ResultSet rs) throws SQLException {
        return new CreateIntent(rs.getString("intent_key"),
                new RecordRef(rs.getString("source_system"), rs.getString("source_type"), rs.getString("source_id")),
                rs.getString("target_system"), rs.getString("target_type"), rs.getString("entity_id"),
                Json.strings(rs.getString("fields")), Sql.instant(rs, "created_at"),
                IntentState.valueOf(rs.getString("intent_state")), rs.getString("result_id"));
    }

    @Override
    public Optional<CreateIntent> intent(String key) {
        return read(c -> Sql.one(c, "SELECT " + INTENT_COLUMNS + " FROM tolk_intent WHERE connection_name = ? AND intent_key = ?",
                JdbcConnectionStore::intentRow, name, key));
    }

    @Override
    public void putIntent(CreateIntent i) {
        write(c -> {
            Object[] values = {i.source().system(), i.source().type(), i.source().id(), i.system(), i.type(), i.entityId(),
                    Json.strings(i.fields()), i.createdAt(), i.state(), i.resultId(), name, i.key()};
            int updated = Sql.update(c, "UPDATE tolk_intent SET source_system = ?, source_type = ?, source_id = ?,"
                    + " target_system = ?, target_type = ?, entity_id = ?, fields = ?, created_at = ?, intent_state = ?,"
                    + " result_id = ? WHERE connection_name = ? AND intent_key = ?", values);
            if (updated == 0) {
                Sql.update(c, "INSERT INTO tolk_intent (" + INTENT_COLUMNS + ", connection_name, seq)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        i.key(), i.source().system(), i.source().type(), i.source().id(), i.system(), i.type(), i.entityId(),
                        Json.strings(i.fields()), i.createdAt(), i.state(), i.resultId(), name, next(c, SEQ));
            }
            return null;
        });
    }

    @Override
    public List<CreateIntent> intents(IntentState state) {
        return read(c -> Sql.list(c, "SELECT " + INTENT_COLUMNS + " FROM tolk_intent WHERE connection_name = ? AND intent_state = ?"
                + " ORDER BY seq", JdbcConnectionStore::intentRow, name, state));
    }

    // ------------------------------------------------------------------ checkpoints

    @Override
    public Checkpoint checkpoint(String system, String stream) {
        return read(c -> Sql.one(c, "SELECT checkpoint_value FROM tolk_checkpoint"
                        + " WHERE connection_name = ? AND record_system = ? AND stream = ?",
                rs -> new Checkpoint(rs.getString(1)), name, system, stream)).orElse(Checkpoint.NONE);
    }

    @Override
    public void putCheckpoint(String system, String stream, Checkpoint checkpoint) {
        write(c -> Sql.update(c, "INSERT INTO tolk_checkpoint (connection_name, record_system, stream, checkpoint_value)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (connection_name, record_system, stream)"
                        + " DO UPDATE SET checkpoint_value = excluded.checkpoint_value",
                name, system, stream, checkpoint == null ? null : checkpoint.value()));
    }

    // ------------------------------------------------------------------ failures

    private static final String FAILURE_COLUMNS = "failure_id, record_system, record_type, record_id, target, reason, attempts,"
            + " first_at, last_at, next_retry_at, source_hash";

    private static Failure failureRow(ResultSet rs) throws SQLException {
        return new Failure(rs.getLong("failure_id"),
                new RecordRef(rs.getString("record_system"), rs.getString("record_type"), rs.getString("record_id")),
                rs.getString("target"), rs.getString("reason"), rs.getInt("attempts"), Sql.instant(rs, "first_at"),
                Sql.instant(rs, "last_at"), Sql.instant(rs, "next_retry_at"), rs.getString("source_hash"));
    }

    @Override
    public Failure putFailure(Failure f) {
        return write(c -> {
            Optional<Failure> existing = failure(c, f.record(), f.target());
            long id;
            if (existing.isPresent()) {
                id = existing.get().id();
                Sql.update(c, "DELETE FROM tolk_failure WHERE connection_name = ? AND failure_id = ?", name, id);
            } else if (f.id() != 0) {
                id = f.id();
                Sql.update(c, "DELETE FROM tolk_failure WHERE connection_name = ? AND failure_id = ?", name, id);
                atLeast(c, IDS, id);
            } else {
                id = next(c, IDS);
            }
            Failure stored = f.withId(id);
            Sql.update(c, "INSERT INTO tolk_failure (connection_name, " + FAILURE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    name, id, f.record().system(), f.record().type(), f.record().id(), f.target(), f.reason(), f.attempts(),
                    f.firstAt(), f.lastAt(), f.nextRetryAt(), f.sourceHash());
            return stored;
        });
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
        return write(c -> {
            Conflict stored;
            if (conflict.id() == 0) {
                stored = conflict.withId(next(c, IDS));
            } else {
                stored = conflict;
                atLeast(c, IDS, conflict.id());
            }
            Sql.update(c, "INSERT INTO tolk_conflict (connection_name, " + CONFLICT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (connection_name, conflict_id) DO UPDATE SET entity_id = excluded.entity_id,"
                            + " flow_id = excluded.flow_id, property = excluded.property, winner_side = excluded.winner_side,"
                            + " winner_value = excluded.winner_value, loser_side = excluded.loser_side,"
                            + " loser_value = excluded.loser_value, reason = excluded.reason, at_time = excluded.at_time,"
                            + " restored = excluded.restored",
                    name, stored.id(), stored.entityId(), stored.flowId(), stored.property(), stored.winnerSide(),
                    stored.winnerValue(), stored.loserSide(), stored.loserValue(), stored.reason(), stored.at(), stored.restored());
            return stored;
        });
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

    private static final String REVIEW_COLUMNS = "review_id, record_system, record_type, record_id, flow_id, candidates, reason, at_time";

    private static ReviewItem reviewRow(ResultSet rs) throws SQLException {
        return new ReviewItem(rs.getLong("review_id"),
                new RecordRef(rs.getString("record_system"), rs.getString("record_type"), rs.getString("record_id")),
                rs.getString("flow_id"), Json.refs(rs.getString("candidates")), rs.getString("reason"), Sql.instant(rs, "at_time"));
    }

    @Override
    public ReviewItem putReview(ReviewItem item) {
        return write(c -> {
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
            ReviewItem stored = item.withId(id);
            if (existing.isPresent()) {
                Sql.update(c, "UPDATE tolk_review SET flow_id = ?, candidates = ?, reason = ?, at_time = ?"
                                + " WHERE connection_name = ? AND review_id = ?",
                        stored.flowId(), Json.refs(stored.candidates()), stored.reason(), stored.at(), name, stored.id());
            } else {
                Sql.update(c, "INSERT INTO tolk_review (connection_name, " + REVIEW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        name, stored.id(), r.system(), r.type(), r.id(), stored.flowId(), Json.refs(stored.candidates()),
                        stored.reason(), stored.at());
            }
            return stored;
        });
    }

    @Override
    public Optional<ReviewItem> review(RecordRef record) {
        return read(c -> Sql.one(c, "SELECT " + REVIEW_COLUMNS + " FROM tolk_review WHERE connection_name = ? AND record_system = ?"
                        + " AND record_type = ? AND record_id = ?",
                JdbcConnectionStore::reviewRow, name, record.system(), record.type(), record.id()));
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

    // ------------------------------------------------------------------ status

    /** Per entity with two links: how many are deleted, filtered out, and clean (processed, no failure). */
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
            WHERE e.connection_name = ? AND x.n = 2 AND x.deleted = 0
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
            List<StatusTally.Failures> failures = Sql.list(c, FAILURES_BY_FLOW, rs -> new StatusTally.Failures(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)), name);
            Map<String, Long> conflicts = counts(c, "SELECT flow_id, COUNT(*) FROM tolk_conflict WHERE connection_name = ?"
                    + " AND restored = 0 AND flow_id IS NOT NULL GROUP BY flow_id");
            Map<String, Long> reviews = counts(c, "SELECT flow_id, COUNT(*) FROM tolk_review WHERE connection_name = ?"
                    + " AND flow_id IS NOT NULL GROUP BY flow_id");
            return new StatusTally(linked, failures, conflicts, reviews);
        });
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
        write(c -> Sql.update(c, "INSERT INTO tolk_activity (connection_name, seq, record_system, record_type, record_id,"
                        + " at_time, at_nanos, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                name, next(c, SEQ), a.record().system(), a.record().type(), a.record().id(), a.at(), Sql.nanos(a.at()),
                a.action(), a.detail()));
    }

    @Override
    public List<Activity> activity(RecordRef record, int limit) {
        return read(c -> Sql.list(c, "SELECT at_time, action, detail FROM tolk_activity WHERE connection_name = ?"
                        + " AND record_system = ? AND record_type = ? AND record_id = ? ORDER BY at_nanos DESC, seq DESC LIMIT ?",
                rs -> new Activity(record, Sql.instant(rs, "at_time"), rs.getString("action"), rs.getString("detail")),
                name, record.system(), record.type(), record.id(), Math.max(0, limit)));
    }

    // ------------------------------------------------------------------ runs

    @Override
    public RunRecord addRun(RunRecord run) {
        return write(c -> {
            RunRecord stored = run.withId(next(c, IDS));
            Sql.update(c, "INSERT INTO tolk_run (connection_name, run_id, started_at, finished_at, counts, api_calls, outcome)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    name, stored.id(), stored.startedAt(), stored.finishedAt(), Json.longs(stored.counts()),
                    Json.longs(stored.apiCalls()), stored.outcome());
            return stored;
        });
    }

    @Override
    public List<RunRecord> runs(int limit) {
        return read(c -> Sql.list(c, "SELECT run_id, started_at, finished_at, counts, api_calls, outcome FROM tolk_run"
                        + " WHERE connection_name = ? ORDER BY run_id DESC LIMIT ?",
                rs -> new RunRecord(rs.getLong("run_id"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                        Json.longs(rs.getString("counts")), Json.longs(rs.getString("api_calls")), rs.getString("outcome")),
                name, Math.max(0, limit)));
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
