package io.tolk.app.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether a worker still holds its claim of a connection: the connection's row of the shared schedule is picked by
 * that worker at that generation. Asked before every write call a cycle sends (through the engine's stop signal), so
 * a worker that lost its claim (it was paused past its lease and another took the connection over) sends nothing
 * more. One indexed read of one row; a store that cannot be asked counts as a lost claim (sending without knowing is
 * what fencing is there to prevent).
 */
public final class ClaimFence {

    private final DataSource db;
    private final String taskName;

    public ClaimFence(DataSource db, String taskName) {
        this.db = db;
        this.taskName = taskName;
    }

    /** Whether {@code worker} holds the claim of {@code connection} at {@code generation}. */
    public boolean holds(String connection, String worker, long generation) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT picked, picked_by, version FROM tolk_scheduled_tasks"
                     + " WHERE task_name = ? AND task_instance = ?")) {
            ps.setString(1, taskName);
            ps.setString(2, connection);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1) && worker.equals(rs.getString(2)) && rs.getLong(3) == generation;
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
