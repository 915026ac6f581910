package io.tolk.store;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Pruned;
import io.tolk.engine.store.Retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Housekeeping of one connection's history in the JDBC store, by the rules of {@link Retention}: the run log, history
 * lines (activity), restored conflicts and finished create intents.
 *
 * <p>Removals are made in short transactions of a bounded size (a window of history lines, a page of runs or of
 * records), so that a cycle committing meanwhile waits at most for one of them. Counting ({@link #count}) runs the
 * same selections as reads and removes nothing.
 */
final class Pruning {

    /** History lines looked at per transaction of the age rule (a window of their sequence numbers). */
    static final int ACTIVITY_WINDOW = 10_000;
    /** Runs, conflicts, intents or over-limit records handled per transaction. */
    static final int PAGE = 500;

    private final Database db;
    private final String name;
    /** Text ordering that matches Java's String order (see {@link JdbcConnectionStore}). */
    private final String binary;

    Pruning(Database db, String name) {
        this.db = db;
        this.name = name;
        this.binary = db.vendor() == StoreUrl.Vendor.POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    /** A history line's record still needed: a failure, a review item, or the source of a pending create intent. */
    private static final String STILL_NEEDED = """
            (EXISTS (SELECT 1 FROM tolk_failure f WHERE f.connection_name = tolk_activity.connection_name
                     AND f.record_system = tolk_activity.record_system AND f.record_type = tolk_activity.record_type
                     AND f.record_id = tolk_activity.record_id)
             OR EXISTS (SELECT 1 FROM tolk_review v WHERE v.connection_name = tolk_activity.connection_name
                     AND v.record_system = tolk_activity.record_system AND v.record_type = tolk_activity.record_type
                     AND v.record_id = tolk_activity.record_id)
             OR EXISTS (SELECT 1 FROM tolk_intent i WHERE i.connection_name = tolk_activity.connection_name
                     AND i.intent_state = 'PENDING' AND i.source_system = tolk_activity.record_system
                     AND i.source_type = tolk_activity.record_type AND i.source_id = tolk_activity.record_id))""";

    Pruned prune(Retention r) {
        if (db.inTransaction()) {
            throw new IllegalStateException("prune runs on its own, not inside a transaction");
        }
        long runs = runs(r, true);
        long activity = versions(r, true)[0] + expiredActivity(r, true);
        long conflicts = conflicts(r, true);
        long intents = intents(r, true);
        return new Pruned(runs, activity, conflicts, intents);
    }

    Pruned count(Retention r) {
        long[] versions = versions(r, false);
        // a line beyond its record's limit and expired too is removed once: counted with the versions, not again
        long activity = versions[0] + expiredActivity(r, false) - versions[1];
        return new Pruned(runs(r, false), activity, conflicts(r, false), intents(r, false));
    }

    // ---------------------------------------------------------------- runs, conflicts, intents

    private long runs(Retention r, boolean remove) {
        if (r.runsBefore() == null) {
            return 0;
        }
        Optional<Long> newest = db.read(c -> Sql.one(c, "SELECT MAX(run_id) FROM tolk_run WHERE connection_name = ?"
                + " HAVING COUNT(*) > 0", rs -> rs.getLong(1), name));
        if (newest.isEmpty()) {
            return 0;
        }
        long keep = newest.get();
        return byInstant("SELECT run_id, started_at FROM tolk_run WHERE connection_name = ? AND run_id > ? AND run_id < "
                        + keep + " ORDER BY run_id LIMIT ?",
                "DELETE FROM tolk_run WHERE connection_name = ? AND run_id IN (%s)", r::runExpired, remove);
    }

    private long conflicts(Retention r, boolean remove) {
        if (r.activityBefore() == null) {
            return 0;
        }
        return byInstant("SELECT conflict_id, at_time FROM tolk_conflict WHERE connection_name = ? AND restored = 1"
                        + " AND conflict_id > ? ORDER BY conflict_id LIMIT ?",
                "DELETE FROM tolk_conflict WHERE connection_name = ? AND conflict_id IN (%s)", r::activityExpired, remove);
    }

    private long intents(Retention r, boolean remove) {
        if (r.activityBefore() == null) {
            return 0;
        }
        // paged by seq, removed by key
        long removed = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            List<Object[]> page = db.read(c -> Sql.list(c, "SELECT seq, intent_key, created_at FROM tolk_intent"
                            + " WHERE connection_name = ? AND intent_state <> 'PENDING' AND seq > ? ORDER BY seq LIMIT ?",
                    rs -> new Object[]{rs.getLong(1), rs.getString(2), Sql.instant(rs, "created_at")}, name, from, PAGE));
            if (page.isEmpty()) {
                return removed;
            }
            after = (Long) page.get(page.size() - 1)[0];
            List<String> keys = new ArrayList<>();
            for (Object[] row : page) {
                if (r.activityExpired((Instant) row[2])) {
                    keys.add((String) row[1]);
                }
            }
            removed += remove ? deleteIn("DELETE FROM tolk_intent WHERE connection_name = ? AND intent_key IN (%s)", keys)
                    : keys.size();
        }
    }

    /**
     * Walks rows by their numeric key ({@code ?} after, {@code ?} limit in {@code select}, which gives key and instant
     * text) and removes (or counts) those whose instant {@code expired} says.
     */
    private long byInstant(String select, String delete, Predicate<Instant> expired, boolean remove) {
        long removed = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            List<Object[]> page = db.read(c -> Sql.list(c, select,
                    rs -> new Object[]{rs.getLong(1), rs.getString(2)}, name, from, PAGE));
            if (page.isEmpty()) {
                return removed;
            }
            after = (Long) page.get(page.size() - 1)[0];
            List<Long> ids = new ArrayList<>();
            for (Object[] row : page) {
                String at = (String) row[1];
                if (at != null && expired.test(IsoInstants.parse(at))) {
                    ids.add((Long) row[0]);
                }
            }
            removed += remove ? deleteIn(delete, ids) : ids.size();
        }
    }

    private <T> long deleteIn(String delete, List<T> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return db.write(c -> {
            long n = 0;
            for (List<T> part : Sql.inLists(keys)) {
                Object[] args = new Object[part.size() + 1];
                args[0] = name;
                for (int i = 0; i < part.size(); i++) {
                    args[i + 1] = part.get(i);
                }
                n += Sql.update(c, String.format(delete, Sql.marks(part.size())), args);
            }
            return n;
        });
    }

    // ---------------------------------------------------------------- history lines

    /** The age rule: expired lines of records nothing still needs, window by window of their sequence numbers. */
    private long expiredActivity(Retention r, boolean remove) {
        if (r.activityBefore() == null) {
            return 0;
        }
        long cutoff = Sql.nanos(r.activityBefore());
        String where = " FROM tolk_activity WHERE connection_name = ? AND at_nanos < ? AND NOT " + STILL_NEEDED;
        if (!remove) {
            return db.read(c -> Sql.one(c, "SELECT COUNT(*)" + where, rs -> rs.getLong(1), name, cutoff)).orElse(0L);
        }
        long[] range = db.read(c -> Sql.one(c, "SELECT MIN(seq), MAX(seq) FROM tolk_activity WHERE connection_name = ?"
                + " HAVING COUNT(*) > 0", rs -> new long[]{rs.getLong(1), rs.getLong(2)}, name)).orElse(null);
        if (range == null) {
            return 0;
        }
        long removed = 0;
        for (long lo = range[0]; lo <= range[1]; lo += ACTIVITY_WINDOW) {
            long from = lo;
            removed += db.write(c -> Sql.update(c, "DELETE" + where + " AND seq >= ? AND seq < ?", name, cutoff, from,
                    from + ACTIVITY_WINDOW));
        }
        return removed;
    }

    /**
     * The per-record limit: for each record with more lines than {@link Retention#versionsPerRecord()}, its lines
     * older than the newest ones it keeps.
     *
     * @return {lines beyond the limits, of those the ones the age rule would remove too}
     */
    private long[] versions(Retention r, boolean remove) {
        int keep = r.versionsPerRecord();
        if (keep == 0) {
            return new long[]{0, 0};
        }
        long cutoff = r.activityBefore() == null ? Long.MIN_VALUE : Sql.nanos(r.activityBefore());
        long beyond = 0;
        long expiredToo = 0;
        RecordRef after = null;
        while (true) {
            RecordRef from = after;
            List<RecordRef> page = db.read(c -> overLimit(c, from, keep));
            if (page.isEmpty()) {
                return new long[]{beyond, expiredToo};
            }
            after = page.get(page.size() - 1);
            Database.Work<long[]> work = c -> {
                long[] n = new long[2];
                for (RecordRef ref : page) {
                    long[] oldestKept = Sql.one(c, "SELECT at_nanos, seq FROM tolk_activity WHERE connection_name = ?"
                                    + " AND record_system = ? AND record_type = ? AND record_id = ?"
                                    + " ORDER BY at_nanos DESC, seq DESC LIMIT 1 OFFSET ?",
                            rs -> new long[]{rs.getLong(1), rs.getLong(2)}, name, ref.system(), ref.type(), ref.id(),
                            keep - 1).orElse(null);
                    if (oldestKept == null) {
                        continue; // fewer lines by now (another prune was quicker)
                    }
                    String older = " FROM tolk_activity WHERE connection_name = ? AND record_system = ? AND record_type = ?"
                            + " AND record_id = ? AND (at_nanos < ? OR (at_nanos = ? AND seq < ?))";
                    Object[] args = {name, ref.system(), ref.type(), ref.id(), oldestKept[0], oldestKept[0], oldestKept[1]};
                    if (remove) {
                        n[0] += Sql.update(c, "DELETE" + older, args);
                    } else {
                        Object[] countArgs = new Object[args.length + 1];
                        countArgs[0] = cutoff;
                        System.arraycopy(args, 0, countArgs, 1, args.length);
                        long[] counted = Sql.one(c, "SELECT COUNT(*), SUM(CASE WHEN at_nanos < ? AND NOT " + STILL_NEEDED
                                        + " THEN 1 ELSE 0 END)" + older,
                                rs -> new long[]{rs.getLong(1), rs.getLong(2)}, countArgs).orElseThrow();
                        n[0] += counted[0];
                        n[1] += counted[1];
                    }
                }
                return n;
            };
            long[] n = remove ? db.write(work) : db.read(work);
            beyond += n[0];
            expiredToo += n[1];
        }
    }

    /** The records after {@code after} (in ref order) with more than {@code keep} history lines, a page of them. */
    private List<RecordRef> overLimit(Connection c, RecordRef after, int keep) throws SQLException {
        String s = "record_system" + binary;
        String t = "record_type" + binary;
        String i = "record_id" + binary;
        String group = " GROUP BY record_system, record_type, record_id HAVING COUNT(*) > ? ORDER BY " + s + ", " + t
                + ", " + i + " LIMIT ?";
        String base = "SELECT record_system, record_type, record_id FROM tolk_activity WHERE connection_name = ?";
        Sql.Row<RecordRef> row = rs -> new RecordRef(rs.getString(1), rs.getString(2), rs.getString(3));
        if (after == null) {
            return Sql.list(c, base + group, row, name, keep, PAGE);
        }
        return Sql.list(c, base + " AND (" + s + " > ? OR (" + s + " = ? AND " + t + " > ?) OR (" + s + " = ? AND " + t
                        + " = ? AND " + i + " > ?))" + group, row, name,
                after.system(), after.system(), after.type(), after.system(), after.type(), after.id(), keep, PAGE);
    }
}
