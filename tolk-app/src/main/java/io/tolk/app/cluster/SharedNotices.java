package io.tolk.app.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.RecordRef;
import io.tolk.api.WriteOperation;
import io.tolk.app.service.NoticeInbox;
import io.tolk.engine.ChangeQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The notified records of a cluster, waiting in the shared store ({@code tolk_notified_record}) for the next cycle of
 * their connection on whichever worker runs it. Any worker {@link #put puts} a verified callback's records; the worker
 * that claims the connection {@link #take takes} them at the start of its cycle, and {@link #synced removes} them only
 * once that cycle has synced them, so a worker killed or stopped mid-cycle leaves them for the next one. A record
 * notified again gets a new stamp: a cycle removes only the notices it took, and {@link #waitingBesides} tells it that
 * more came while it ran.
 */
public final class SharedNotices implements NoticeInbox {

    /**
     * The notices one cycle took.
     *
     * @param stamps per record, the stamp its notice had when taken
     */
    public record Batch(String connection, List<ChangeQueue.Notice> notices, Map<RecordRef, String> stamps) {
        public Batch {
            notices = List.copyOf(notices);
            stamps = Map.copyOf(stamps);
        }

        /** A batch of nothing (also what a cycle gets when the store cannot be read: its own read finds the changes). */
        public static Batch none(String connection) {
            return new Batch(connection, List.of(), Map.of());
        }

        public boolean isEmpty() {
            return notices.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };

    private final DataSource db;

    public SharedNotices(DataSource db) {
        this.db = db;
    }

    /**
     * Keeps the records in one transaction; returns once committed.
     *
     * @throws io.tolk.store.StoreException when the store cannot keep them (the callback is then answered with an error)
     */
    @Override
    public void put(String connection, Collection<ChangeQueue.Notice> notices) {
        String sql = "INSERT INTO tolk_notified_record (connection_name, system_name, record_type, record_id, operation,"
                + " server_time, received_at, fields, stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (connection_name, system_name, record_type, record_id) DO UPDATE SET"
                + " operation = excluded.operation, server_time = excluded.server_time,"
                + " received_at = excluded.received_at, fields = excluded.fields, stamp = excluded.stamp";
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (ChangeQueue.Notice n : notices) {
                    ps.setString(1, connection);
                    ps.setString(2, n.ref().system());
                    ps.setString(3, n.ref().type());
                    ps.setString(4, n.ref().id());
                    ps.setString(5, n.operation().name());
                    ps.setLong(6, n.serverTime().toEpochMilli());
                    ps.setLong(7, n.receivedAt().toEpochMilli());
                    ps.setString(8, n.fields() == null ? null : JSON.writeValueAsString(n.fields()));
                    ps.setString(9, UUID.randomUUID().toString());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new io.tolk.store.StoreException("connection '" + connection + "': " + notices.size()
                    + " notified record(s) could not be kept in the shared store: " + e.getMessage(), e);
        }
    }

    /** The notices waiting for the connection, oldest first; they stay in the store until {@link #synced}. */
    public Batch take(String connection) {
        List<ChangeQueue.Notice> notices = new ArrayList<>();
        Map<RecordRef, String> stamps = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT system_name, record_type, record_id, operation,"
                     + " server_time, received_at, fields, stamp FROM tolk_notified_record WHERE connection_name = ?"
                     + " ORDER BY received_at")) {
            ps.setString(1, connection);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RecordRef ref = new RecordRef(rs.getString(1), rs.getString(2), rs.getString(3));
                    String fields = rs.getString(7);
                    notices.add(new ChangeQueue.Notice(ref, WriteOperation.valueOf(rs.getString(4)),
                            Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)),
                            fields == null ? null : JSON.readValue(fields, FIELDS)));
                    stamps.put(ref, rs.getString(8));
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return Batch.none(connection);
        }
        return new Batch(connection, notices, stamps);
    }

    /** The cycle that took {@code batch} synced it: its notices leave the store, unless a record was notified again. */
    public void synced(Batch batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM tolk_notified_record WHERE connection_name = ?"
                     + " AND system_name = ? AND record_type = ? AND record_id = ? AND stamp = ?")) {
            for (Map.Entry<RecordRef, String> e : batch.stamps().entrySet()) {
                ps.setString(1, batch.connection());
                ps.setString(2, e.getKey().system());
                ps.setString(3, e.getKey().type());
                ps.setString(4, e.getKey().id());
                ps.setString(5, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            // left in the store: the next cycle syncs them again, which changes nothing
        }
    }

    /**
     * Whether notices wait for the connection that {@code batch} did not have (notified while its cycle ran). A store
     * that cannot be asked answers false: the connection's next scheduled cycle takes whatever waits.
     */
    public boolean waitingBesides(Batch batch) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT system_name, record_type, record_id, stamp"
                     + " FROM tolk_notified_record WHERE connection_name = ?")) {
            ps.setString(1, batch.connection());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RecordRef ref = new RecordRef(rs.getString(1), rs.getString(2), rs.getString(3));
                    if (!rs.getString(4).equals(batch.stamps().get(ref))) {
                        return true;
                    }
                }
            }
        } catch (SQLException e) {
            return false;
        }
        return false;
    }
}
