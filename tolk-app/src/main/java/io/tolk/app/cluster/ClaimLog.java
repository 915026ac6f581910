package io.tolk.app.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The log of claims in the shared store ({@code tolk_claim_log}): which worker claimed which connection, with which
 * generation, and how the claim ended. Two claims of one connection that overlap in time would be a second writer;
 * the cluster test reads this log to prove there was none.
 */
public final class ClaimLog {

    /** What happened to a claim. */
    public enum Event {
        /** The worker picked the connection's cycle. */
        CLAIMED("claimed"),
        /** Its cycle ended and the claim was given back. */
        RELEASED("released"),
        /** The worker found the claim taken over by another before it sent a write, and sent nothing more. */
        FENCED("fenced");

        private final String code;

        Event(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Event ofCode(String code) {
            for (Event e : values()) {
                if (e.code.equals(code)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown claim event '" + code + "'");
        }
    }

    /** One line of the log. */
    public record Entry(String connection, String worker, long generation, Event event, Instant at) {
    }

    private final DataSource db;
    private final Clock clock;

    public ClaimLog(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds a line; a failure to log is not a reason to stop a cycle, so it is only returned. */
    public boolean record(String connection, String worker, long generation, Event event) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO tolk_claim_log (connection_name, worker, generation,"
                     + " event, at_time) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, connection);
            ps.setString(2, worker);
            ps.setLong(3, generation);
            ps.setString(4, event.code());
            ps.setLong(5, clock.millis());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** How long claim and commit lines are kept. */
    public static final java.time.Duration KEPT = java.time.Duration.ofDays(7);

    /**
     * Removes the claim lines and the store's commit lines ({@code tolk_commit_log}) older than {@link #KEPT}; run
     * once an hour by one worker of the cluster (a recurring task of the shared schedule).
     *
     * @return how many lines were removed
     */
    public int prune() {
        long before = clock.millis() - KEPT.toMillis();
        try (Connection c = db.getConnection();
             PreparedStatement claims = c.prepareStatement("DELETE FROM tolk_claim_log WHERE at_time < ?");
             PreparedStatement commits = c.prepareStatement("DELETE FROM tolk_commit_log WHERE at_time < ?")) {
            claims.setLong(1, before);
            commits.setLong(1, before);
            return claims.executeUpdate() + commits.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the claim log cannot be pruned: " + e.getMessage(), e);
        }
    }

    /** Every line, oldest first. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT connection_name, worker, generation, event, at_time"
                     + " FROM tolk_claim_log ORDER BY at_time, generation");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Entry(rs.getString(1), rs.getString(2), rs.getLong(3), Event.ofCode(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the claim log cannot be read: " + e.getMessage(), e);
        }
        return out;
    }
}
