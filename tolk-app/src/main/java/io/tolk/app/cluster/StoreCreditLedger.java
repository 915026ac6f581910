package io.tolk.app.cluster;

import io.tolk.api.http.CreditLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The API credits of a cluster's orgs, kept in the shared PostgreSQL store: minute buckets in
 * {@code tolk_credit_spent}, the service's last remaining figure in {@code tolk_credit_org}. Each {@link #spend} is
 * one transaction that first locks the org's row, then reads what the window holds and adds the credits only when
 * they fit, so two workers can never both take the last credits. Buckets older than the window are deleted as spends
 * pass them.
 */
public final class StoreCreditLedger implements CreditLedger {

    /** Creates the org's row if needed and locks it until the transaction ends; returns the remaining figure. */
    private static final String LOCK_ORG = """
            INSERT INTO tolk_credit_org AS o (budget_key, remaining) VALUES (?, -1)
            ON CONFLICT (budget_key) DO UPDATE SET remaining = o.remaining
            RETURNING o.remaining""";
    /** Deletes the buckets that left the window and sums the ones in it (one statement; the sum skips the old ones). */
    private static final String IN_WINDOW = """
            WITH forget AS (DELETE FROM tolk_credit_spent WHERE budget_key = ? AND minute <= ?)
            SELECT COALESCE(SUM(credits), 0), MIN(minute) FROM tolk_credit_spent WHERE budget_key = ? AND minute > ?""";
    /** Adds the credits to this minute's bucket and lowers the remaining figure, if one was reported (one statement). */
    private static final String ADD = """
            WITH added AS (
                INSERT INTO tolk_credit_spent AS s (budget_key, minute, credits) VALUES (?, ?, ?)
                ON CONFLICT (budget_key, minute) DO UPDATE SET credits = s.credits + EXCLUDED.credits)
            UPDATE tolk_credit_org SET remaining = GREATEST(0, remaining - ?) WHERE budget_key = ? AND remaining >= 0""";
    private static final String REFUND = """
            UPDATE tolk_credit_spent SET credits = GREATEST(0, credits - ?)
            WHERE budget_key = ? AND minute = (SELECT MAX(minute) FROM tolk_credit_spent WHERE budget_key = ?)""";
    private static final String REPORTED = """
            INSERT INTO tolk_credit_org AS o (budget_key, remaining) VALUES (?, ?)
            ON CONFLICT (budget_key) DO UPDATE SET remaining = EXCLUDED.remaining""";
    private static final String REMAINING = "SELECT remaining FROM tolk_credit_org WHERE budget_key = ?";

    private final DataSource db;

    public StoreCreditLedger(DataSource db) {
        this.db = db;
    }

    @Override
    public Spend spend(String keyHash, int credits, long budget, Duration window, Instant now) {
        long minute = now.getEpochSecond() / 60;
        long oldest = now.minus(window).getEpochSecond() / 60;   // this bucket and older ones are out of the window
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Spend decision = spend(c, keyHash, credits, budget, window, minute, oldest);
                c.commit();
                return decision;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the shared credit ledger cannot be read: " + e.getMessage(), e);
        }
    }

    private static Spend spend(Connection c, String keyHash, int credits, long budget, Duration window, long minute,
                               long oldest) throws SQLException {
        long remaining;
        try (PreparedStatement ps = c.prepareStatement(LOCK_ORG)) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                remaining = rs.getLong(1);
            }
        }
        long inWindow;
        long oldestMinute;
        try (PreparedStatement ps = c.prepareStatement(IN_WINDOW)) {
            ps.setString(1, keyHash);
            ps.setLong(2, oldest);
            ps.setString(3, keyHash);
            ps.setLong(4, oldest);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inWindow = rs.getLong(1);
                oldestMinute = rs.getLong(2);
                if (rs.wasNull()) {
                    oldestMinute = minute;
                }
            }
        }
        if (inWindow + credits > budget) {
            return new Spend.OverBudget(inWindow, budget, Instant.ofEpochSecond(oldestMinute * 60).plus(window));
        }
        if (remaining >= 0 && remaining < credits) {
            return new Spend.TooFewReported(remaining);
        }
        try (PreparedStatement ps = c.prepareStatement(ADD)) {
            ps.setString(1, keyHash);
            ps.setLong(2, minute);
            ps.setLong(3, credits);
            ps.setLong(4, credits);
            ps.setString(5, keyHash);
            ps.executeUpdate();
        }
        return new Spend.Spent(inWindow + credits);
    }

    @Override
    public void refund(String keyHash, int credits) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(REFUND)) {
            ps.setLong(1, credits);
            ps.setString(2, keyHash);
            ps.setString(3, keyHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the shared credit ledger cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void reported(String keyHash, long remaining) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(REPORTED)) {
            ps.setString(1, keyHash);
            ps.setLong(2, remaining);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the shared credit ledger cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public long remainingReported(String keyHash) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(REMAINING)) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the shared credit ledger cannot be read: " + e.getMessage(), e);
        }
    }
}
