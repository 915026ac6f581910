package io.tolk.app.cluster;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The cluster's notification channels in the shared store ({@code tolk_notification_channel}): one row per connection
 * and system, with the hashes of the tokens a callback may carry and when the channel is next to be renewed. The turn
 * to subscribe or renew is taken with a conditional write ({@link #claimNew}, {@link #claimTurn}), so of two workers
 * that both see a renewal due, one renews and the other leaves it. Every method is one statement; a store that cannot
 * be reached throws {@link io.tolk.store.StoreException}.
 */
final class ChannelTable {

    /**
     * One channel.
     *
     * @param types      the record types it was asked for, comma-separated in their order
     * @param expiresAt  when the system stops calling back unless renewed ({@link Instant#EPOCH}: never confirmed)
     * @param renewAfter from when the next cycle of the connection subscribes or renews it
     */
    record Row(String connection, String system, String channelId, String types, String notifyUrl, String tokenHash,
               String previousTokenHash, Instant previousUntil, Instant expiresAt, Instant renewAfter,
               String renewedBy) {

        /** Whether a callback whose token has this hash is from this channel (hashes compared in constant time). */
        boolean accepts(String hash, Instant now) {
            boolean current = MessageDigest.isEqual(bytes(hash), bytes(tokenHash));
            boolean previous = previousTokenHash != null && now.isBefore(previousUntil)
                    && MessageDigest.isEqual(bytes(hash), bytes(previousTokenHash));
            return current | previous;
        }

        private static byte[] bytes(String hex) {
            return hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static final String COLUMNS = "connection_name, system_name, channel_id, record_types, notify_url,"
            + " token_hash, previous_token_hash, previous_until, expires_at, renew_after, renewed_by";

    private final DataSource db;

    ChannelTable(DataSource db) {
        this.db = db;
    }

    /** The SHA-256 of a token, in hex: all the store ever keeps of it. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    List<Row> all() {
        return query("SELECT " + COLUMNS + " FROM tolk_notification_channel", null, null);
    }

    Optional<Row> get(String connection, String system) {
        return query("SELECT " + COLUMNS + " FROM tolk_notification_channel WHERE connection_name = ?"
                + " AND system_name = ?", connection, system).stream().findFirst();
    }

    /** Takes the turn to subscribe a channel the store has no row for: true when this call inserted {@code row}. */
    boolean claimNew(Row row) {
        return update("INSERT INTO tolk_notification_channel (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (connection_name, system_name) DO NOTHING", ps -> {
                    ps.setString(1, row.connection());
                    ps.setString(2, row.system());
                    ps.setString(3, row.channelId());
                    ps.setString(4, row.types());
                    ps.setString(5, row.notifyUrl());
                    ps.setString(6, row.tokenHash());
                    ps.setString(7, row.previousTokenHash());
                    ps.setLong(8, row.previousUntil().toEpochMilli());
                    ps.setLong(9, row.expiresAt().toEpochMilli());
                    ps.setLong(10, row.renewAfter().toEpochMilli());
                    ps.setString(11, row.renewedBy());
                }) == 1;
    }

    /**
     * Takes the turn to subscribe again or renew the channel {@code seen} was read as: writes {@code next} only if the
     * row is still as seen (same renew_after and token), so of two workers only the first gets true.
     */
    boolean claimTurn(Row seen, Row next) {
        return update("UPDATE tolk_notification_channel SET channel_id = ?, record_types = ?, notify_url = ?,"
                + " token_hash = ?, previous_token_hash = ?, previous_until = ?, renew_after = ?, renewed_by = ?"
                + " WHERE connection_name = ? AND system_name = ? AND renew_after = ? AND token_hash = ?", ps -> {
                    ps.setString(1, next.channelId());
                    ps.setString(2, next.types());
                    ps.setString(3, next.notifyUrl());
                    ps.setString(4, next.tokenHash());
                    ps.setString(5, next.previousTokenHash());
                    ps.setLong(6, next.previousUntil().toEpochMilli());
                    ps.setLong(7, next.renewAfter().toEpochMilli());
                    ps.setString(8, next.renewedBy());
                    ps.setString(9, seen.connection());
                    ps.setString(10, seen.system());
                    ps.setLong(11, seen.renewAfter().toEpochMilli());
                    ps.setString(12, seen.tokenHash());
                }) == 1;
    }

    /** Writes the outcome of the turn this worker took (the row as {@link #claimTurn} or {@link #claimNew} left it). */
    void settle(Row claimed, Row outcome) {
        update("UPDATE tolk_notification_channel SET token_hash = ?, previous_token_hash = ?, previous_until = ?,"
                + " expires_at = ?, renew_after = ? WHERE connection_name = ? AND system_name = ? AND token_hash = ?"
                + " AND renewed_by = ?", ps -> {
                    ps.setString(1, outcome.tokenHash());
                    ps.setString(2, outcome.previousTokenHash());
                    ps.setLong(3, outcome.previousUntil().toEpochMilli());
                    ps.setLong(4, outcome.expiresAt().toEpochMilli());
                    ps.setLong(5, outcome.renewAfter().toEpochMilli());
                    ps.setString(6, claimed.connection());
                    ps.setString(7, claimed.system());
                    ps.setString(8, claimed.tokenHash());
                    ps.setString(9, claimed.renewedBy());
                });
    }

    /** Removes the channel's row: true when this call removed it (and so closes the channel). */
    boolean delete(String connection, String system) {
        return update("DELETE FROM tolk_notification_channel WHERE connection_name = ? AND system_name = ?", ps -> {
            ps.setString(1, connection);
            ps.setString(2, system);
        }) == 1;
    }

    // ------------------------------------------------------------------------------------------------ JDBC

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new io.tolk.store.StoreException("the shared store's notification channels could not be written: "
                    + e.getMessage(), e);
        }
    }

    private List<Row> query(String sql, String connection, String system) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (connection != null) {
                ps.setString(1, connection);
                ps.setString(2, system);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)),
                            Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)),
                            rs.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw new io.tolk.store.StoreException("the shared store's notification channels could not be read: "
                    + e.getMessage(), e);
        }
        return rows;
    }
}
