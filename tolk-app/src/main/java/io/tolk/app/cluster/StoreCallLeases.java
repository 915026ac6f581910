package io.tolk.app.cluster;

import io.tolk.api.http.ConcurrencyLimiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The calls in flight per org across a cluster's workers, kept in the shared PostgreSQL store: one row of
 * {@code tolk_call_lease} per call. A take is one transaction that locks the org's row of {@code tolk_call_limit},
 * drops lapsed leases and waiters, and grants a lease only when fewer than the limit are held and no waiter of
 * {@code tolk_call_waiter} asked before this one; otherwise the caller keeps its place in that line. So waiting
 * callers are served in the order they asked, whichever worker they are on.
 *
 * <p>Leases last {@code ttl} on the database's clock and this worker renews the ones it holds every third of it, so
 * a call may take as long as it needs, while the leases of a worker that was killed (or is paused) lapse within one
 * {@code ttl} and its share goes to the others. A waiter that stops asking for {@code ttl} leaves the line the same
 * way. {@link #close()} stops renewing (calls have ended by then).
 */
public final class StoreCallLeases implements ConcurrencyLimiter.SharedLeases, AutoCloseable {

    /** Creates the org's row if needed and locks it until the transaction ends; returns the database's clock. */
    private static final String LOCK = """
            INSERT INTO tolk_call_limit AS l (budget_key) VALUES (?)
            ON CONFLICT (budget_key) DO UPDATE SET budget_key = l.budget_key
            RETURNING (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT""";
    /** Drops the org's lapsed leases and lapsed waiters (two tables, one statement). */
    private static final String DROP_LAPSED = """
            WITH leases AS (DELETE FROM tolk_call_lease WHERE budget_key = ? AND expires_at < ?)
            DELETE FROM tolk_call_waiter WHERE budget_key = ? AND expires_at < ?""";
    /**
     * Puts the caller in line (or keeps its place and renews it) and returns its place, the leases held and the
     * waiters ahead of it: the counts read this statement's snapshot, taken after the lock and the drops above.
     */
    private static final String WAIT = """
            INSERT INTO tolk_call_waiter AS w (ticket, budget_key, since, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (ticket) DO UPDATE SET expires_at = EXCLUDED.expires_at
            RETURNING w.since,
                (SELECT COUNT(*) FROM tolk_call_lease h WHERE h.budget_key = w.budget_key),
                (SELECT COUNT(*) FROM tolk_call_waiter a WHERE a.budget_key = w.budget_key
                    AND (a.since < w.since OR (a.since = w.since AND a.ticket < w.ticket)))""";
    private static final String LEAVE = "DELETE FROM tolk_call_waiter WHERE ticket = ?";
    /** Takes the caller out of the line and grants it a lease (one statement). */
    private static final String GRANT = """
            WITH left_line AS (DELETE FROM tolk_call_waiter WHERE ticket = ?)
            INSERT INTO tolk_call_lease (lease_id, budget_key, expires_at) VALUES (?, ?, ?)""";
    private static final String RELEASE = "DELETE FROM tolk_call_lease WHERE lease_id = ?";
    private static final String RENEW = """
            UPDATE tolk_call_lease SET expires_at = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT + ?
            WHERE lease_id = ?""";

    private final DataSource db;
    private final long ttlMillis;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    /** Leases lasting {@code ttl} (at least a second), renewed every third of it while held. */
    public StoreCallLeases(DataSource db, Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the call lease must last at least 1 s, was " + ttl.toMillis() + " ms");
        }
        this.db = db;
        this.ttlMillis = ttl.toMillis();
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tolk-call-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(this::renewHeld, ttlMillis / 3, ttlMillis / 3, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> tryTake(String keyHash, String ticket, int max) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<String> lease = take(c, keyHash, ticket, max);
                c.commit();
                lease.ifPresent(held::add);
                return lease;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the shared call leases cannot be read: " + e.getMessage(), e);
        }
    }

    private Optional<String> take(Connection c, String keyHash, String ticket, int max) throws SQLException {
        long now;
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setString(1, keyHash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                now = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(DROP_LAPSED)) {
            ps.setString(1, keyHash);
            ps.setLong(2, now);
            ps.setString(3, keyHash);
            ps.setLong(4, now);
            ps.executeUpdate();
        }
        long leases;
        long ahead;
        try (PreparedStatement ps = c.prepareStatement(WAIT)) {
            ps.setString(1, ticket);
            ps.setString(2, keyHash);
            ps.setLong(3, now);
            ps.setLong(4, now + ttlMillis);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                leases = rs.getLong(2);
                ahead = rs.getLong(3);
            }
        }
        if (leases + ahead >= max) {
            return Optional.empty();
        }
        String lease = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement(GRANT)) {
            ps.setString(1, ticket);
            ps.setString(2, lease);
            ps.setString(3, keyHash);
            ps.setLong(4, now + ttlMillis);
            ps.executeUpdate();
        }
        return Optional.of(lease);
    }

    @Override
    public void release(String keyHash, String lease) {
        held.remove(lease);
        run(RELEASE, lease);
    }

    @Override
    public void leave(String keyHash, String ticket) {
        run(LEAVE, ticket);
    }

    /** Leases this worker holds now. */
    public int held() {
        return held.size();
    }

    private void renewHeld() {
        if (held.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(RENEW)) {
            for (String lease : held) {
                ps.setLong(1, ttlMillis);
                ps.setString(2, lease);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException | RuntimeException e) {
            // not renewed this time: the next round tries again, and a lease that lapses meanwhile only lets another
            // call start early (which the service answers with a retryable 429)
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }

    private void run(String sql, String id) {
        try (Connection c = db.getConnection()) {
            execute(c, sql, id);
        } catch (SQLException e) {
            throw new IllegalStateException("the shared call leases cannot be written: " + e.getMessage(), e);
        }
    }

    private static void execute(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
