package io.tolk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-connection lock: one row per tolk connection with its owner and expiry, in table {@code tolk_lock}.
 * Taken with one conditional upsert (insert, or take over a row whose owner is the same or whose expiry has passed),
 * so that two processes sharing the database can never both hold it; the database's row lock decides a race.
 * Only the owner can renew or release it. Readers never touch this table.
 */
final class LockTable {

    /** Who holds a lock, and until when. */
    record Holder(String owner, Instant acquiredAt, Instant expiresAt) {}

    private static final String TAKE = """
            INSERT INTO tolk_lock (connection_name, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (connection_name) DO UPDATE
               SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
             WHERE tolk_lock.owner = excluded.owner OR tolk_lock.expires_at <= ?""";

    private LockTable() {
    }

    /** Takes or renews the lock for {@code ttl} from {@code now}; false if another owner holds an unexpired one. */
    static boolean take(Connection c, String connection, String owner, Instant now, Duration ttl) throws SQLException {
        Optional<Holder> current = holder(c, connection);
        Instant acquired = current.filter(h -> h.owner().equals(owner) && h.expiresAt().isAfter(now))
                .map(Holder::acquiredAt).orElse(now);
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, connection);
            ps.setString(2, owner);
            ps.setLong(3, acquired.toEpochMilli());
            ps.setLong(4, now.plus(ttl).toEpochMilli());
            ps.setLong(5, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /** Extends an unexpired lock this owner holds; false if it no longer holds it (expired and maybe taken over). */
    static boolean renew(Connection c, String connection, String owner, Instant now, Duration ttl) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tolk_lock SET expires_at = ? WHERE connection_name = ? AND owner = ? AND expires_at > ?")) {
            ps.setLong(1, now.plus(ttl).toEpochMilli());
            ps.setString(2, connection);
            ps.setString(3, owner);
            ps.setLong(4, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /** Hands the lock from {@code from} to {@code owner} for {@code ttl}, only if {@code from} still holds it. */
    static boolean takeOver(Connection c, String connection, String from, String owner, Instant now, Duration ttl)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tolk_lock SET owner = ?, acquired_at = ?, expires_at = ? WHERE connection_name = ? AND owner = ?")) {
            ps.setString(1, owner);
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, now.plus(ttl).toEpochMilli());
            ps.setString(4, connection);
            ps.setString(5, from);
            return ps.executeUpdate() == 1;
        }
    }

    /** Releases the lock if this owner holds it; true if it did. */
    static boolean release(Connection c, String connection, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tolk_lock WHERE connection_name = ? AND owner = ?")) {
            ps.setString(1, connection);
            ps.setString(2, owner);
            return ps.executeUpdate() == 1;
        }
    }

    /** The lock's row, expired or not. */
    static Optional<Holder> holder(Connection c, String connection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner, acquired_at, expires_at FROM tolk_lock WHERE connection_name = ?")) {
            ps.setString(1, connection);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holder(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        Instant.ofEpochMilli(rs.getLong(3))));
            }
        }
    }
}
