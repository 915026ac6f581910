package io.tolk.store;

import io.tolk.engine.store.LockLostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The check a fenced write makes inside its transaction (see {@code Store#fenceWrites}): the connection's lock row must
 * still name the fence's owner. On PostgreSQL the row is read {@code FOR SHARE}, so a takeover of the lock (an update
 * of that row) waits for the write to commit, or the write sees the new owner and fails: never both. On SQLite a
 * write transaction excludes every other writer, the lock's included.
 */
final class WriteFences {

    /** A fence: the lock owner writes are checked against, and whether each fenced apply is logged. */
    record Fence(String owner, boolean logCommits) {
    }

    private WriteFences() {
    }

    static void check(Connection c, StoreUrl.Vendor vendor, String connection, Fence fence) throws SQLException {
        String sql = "SELECT owner FROM tolk_lock WHERE connection_name = ?"
                + (vendor == StoreUrl.Vendor.POSTGRESQL ? " FOR SHARE" : "");
        Optional<String> holder = Sql.one(c, sql, rs -> rs.getString(1), connection);
        if (holder.isEmpty() || !holder.get().equals(fence.owner())) {
            throw new LockLostException(connection, fence.owner(), holder.orElse(null));
        }
    }

    static void logCommit(Connection c, String connection, Fence fence, long atMillis) throws SQLException {
        Sql.update(c, "INSERT INTO tolk_commit_log (connection_name, owner, at_time) VALUES (?, ?, ?)",
                connection, fence.owner(), atMillis);
    }
}
