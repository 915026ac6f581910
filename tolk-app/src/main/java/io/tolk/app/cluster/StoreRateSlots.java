package io.tolk.app.cluster;

import io.tolk.api.http.RateLimiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The rate budgets of a cluster, kept in the shared PostgreSQL store ({@code tolk_rate_slot}): each permit is one
 * statement that moves the key's next free slot one interval on and returns the caller's slot, measured on the
 * database's clock (so workers whose clocks differ agree). The row lock orders callers as they arrive, so the
 * connections that wait share the budget evenly: each of them has one call waiting at a time (a connection's calls
 * to PowerOffice go one after another), and slots are handed out first come, first served.
 */
public final class StoreRateSlots implements RateLimiter.SharedSlots {

    private static final String TAKE = """
            WITH t AS (SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT AS now_us)
            INSERT INTO tolk_rate_slot AS s (budget_key, next_free)
            SELECT ?, t.now_us + ? FROM t
            ON CONFLICT (budget_key) DO UPDATE SET next_free = GREATEST(s.next_free, (SELECT now_us FROM t)) + ?
            RETURNING s.next_free - ? AS slot_us, (SELECT now_us FROM t) AS now_us""";

    private final DataSource db;

    public StoreRateSlots(DataSource db) {
        this.db = db;
    }

    /** The slot taken, in microseconds of the database's clock, and that clock's reading when it was taken. */
    public record Slot(long atMicros, long nowMicros) {
        public Duration waitTime() {
            return Duration.ofNanos(Math.max(0, atMicros - nowMicros) * 1000);
        }
    }

    @Override
    public Duration take(String keyHash, long intervalNanos) {
        return slot(keyHash, intervalNanos).waitTime();
    }

    /** Takes the next free slot of the key. */
    public Slot slot(String keyHash, long intervalNanos) {
        long intervalMicros = Math.max(1, intervalNanos / 1000);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, keyHash);
            ps.setLong(2, intervalMicros);
            ps.setLong(3, intervalMicros);
            ps.setLong(4, intervalMicros);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Slot(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the shared rate budget cannot be read: " + e.getMessage(), e);
        }
    }
}
