package io.tolk.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Semaphore;

/**
 * Opens and lends JDBC connections to one store database, and runs the migrations when it opens.
 *
 * <p>SQLite: one connection (SQLite has a single writer anyway), WAL journal so that other processes can read while
 * this one writes, a busy timeout so that a second process waits for a write lock instead of failing, foreign keys on,
 * synchronous FULL so that a committed transaction survives a crash, and write transactions that take the write lock
 * when they begin ({@code BEGIN IMMEDIATE}), which avoids lock-upgrade deadlocks between processes.
 * PostgreSQL: a few connections, read committed.
 *
 * <p>Threading: any thread may call {@link #read} and {@link #write}. A thread that already holds a connection
 * (a callback inside a read, a write inside a write) gets the same one again, so nesting never deadlocks and
 * a nested write joins the outer transaction.
 */
final class Database implements AutoCloseable {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    /**
     * Flyway reports every migration check at INFO; through java.util.logging (when no SLF4J binding is present)
     * that would print on every CLI command. Unless the application configured it, only warnings are shown.
     */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    static {
        if (FLYWAY_LOG.getLevel() == null) {
            FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        }
    }
    private static final int POSTGRES_CONNECTIONS = 4;

    private final StoreUrl url;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ThreadLocal<Held> held = new ThreadLocal<>();
    /** Keeps a shared-cache memory database alive while the store is open. */
    private final Connection keepAlive;
    private volatile boolean closed;

    private static final class Held {
        final Connection connection;
        int depth;
        boolean inTransaction;

        Held(Connection connection) {
            this.connection = connection;
        }
    }

    private Database(StoreUrl url, int size, Connection keepAlive) {
        this.url = url;
        this.permits = new Semaphore(size, true);
        this.keepAlive = keepAlive;
    }

    /**
     * Opens the database and brings its schema up to date (Flyway, {@code classpath:db/migration/common}).
     *
     * @throws StoreException naming the store (never its password) and what went wrong
     */
    static Database open(StoreUrl url) {
        try {
            if (url.file() != null && url.file().getParent() != null && !Files.isDirectory(url.file().getParent())) {
                throw new StoreException("store " + url.display() + ": the directory " + url.file().getParent()
                        + " does not exist");
            }
            Database db = url.vendor() == StoreUrl.Vendor.SQLITE
                    ? new Database(url, 1, url.file() == null ? connect(url) : null)
                    : new Database(url, POSTGRES_CONNECTIONS, null);
            try {
                // the first connection sets WAL (persistent in the file) before Flyway opens its own
                db.release(db.acquire());
                db.migrate();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            return db;
        } catch (SQLException e) {
            throw new StoreException("store " + url.display() + ": cannot open: " + safe(e), e);
        }
    }

    StoreUrl url() {
        return url;
    }

    StoreUrl.Vendor vendor() {
        return url.vendor();
    }

    /** Runs {@code work} on a connection in auto-commit mode (or inside the caller's transaction, if it has one). */
    <T> T read(Work<T> work) {
        return run(work, false);
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it. Joins the caller's transaction, if any. */
    <T> T write(Work<T> work) {
        return run(work, true);
    }

    /** Whether the calling thread is inside a {@link #write}. */
    boolean inTransaction() {
        Held h = held.get();
        return h != null && h.inTransaction;
    }

    private <T> T run(Work<T> work, boolean transactional) {
        Held h = held.get();
        boolean outer = h == null;
        if (outer) {
            h = new Held(acquire());
            held.set(h);
        }
        h.depth++;
        boolean begins = transactional && !h.inTransaction;
        try {
            if (begins) {
                h.connection.setAutoCommit(false);
                h.inTransaction = true;
            }
            T result = work.apply(h.connection);
            if (begins) {
                h.connection.commit();
            }
            return result;
        } catch (SQLException e) {
            if (begins) {
                rollbackQuietly(h.connection, e);
            }
            throw new StoreException("store " + url.display() + ": " + safe(e), e);
        } catch (RuntimeException | Error e) {
            if (begins) {
                rollbackQuietly(h.connection, e);
            }
            throw e;
        } finally {
            if (begins) {
                h.inTransaction = false;
                try {
                    h.connection.setAutoCommit(true);
                } catch (SQLException e) {
                    // the connection is broken; it is closed below when released
                }
            }
            h.depth--;
            if (outer) {
                held.remove();
                release(h.connection);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private Connection acquire() {
        if (closed) {
            throw new StoreException("store " + url.display() + " is closed");
        }
        permits.acquireUninterruptibly();
        Connection c;
        synchronized (idle) {
            c = idle.pollFirst();
        }
        try {
            if (c == null || c.isClosed()) {
                c = connect(url);
            }
            return c;
        } catch (SQLException e) {
            permits.release();
            throw new StoreException("store " + url.display() + ": cannot connect: " + safe(e), e);
        }
    }

    private void release(Connection c) {
        try {
            if (closed || c.isClosed() || !c.getAutoCommit()) {
                closeQuietly(c);
            } else {
                synchronized (idle) {
                    idle.addFirst(c);
                }
            }
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    private static Connection connect(StoreUrl url) throws SQLException {
        if (url.vendor() == StoreUrl.Vendor.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            if (url.file() != null) {
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            }
            config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
            return config.createConnection(url.jdbcUrl());
        }
        Properties p = new Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        p.setProperty("ApplicationName", "tolk");
        return DriverManager.getConnection(url.jdbcUrl(), p);
    }

    private void migrate() {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(url.jdbcUrl(), url.user(), url.password())
                    .locations("classpath:db/migration/common")
                    .connectRetries(0)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("store " + url.display() + ": migrating the schema failed: " + e.getMessage(), e);
        }
    }

    /** An SQL error's message, without anything that could be a credential. */
    static String safe(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return StoreUrl.redact(m);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do
        }
    }

    /** Closes idle connections; connections in use are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(Database::closeQuietly);
            idle.clear();
        }
        if (keepAlive != null) {
            closeQuietly(keepAlive);
        }
    }
}
