package io.tolk.store;

import io.tolk.engine.KillPoint;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and lends JDBC connections to one store database, and runs the migrations when it opens.
 *
 * <p>SQLite file: one writer connection (SQLite has a single writer anyway) and a few reader connections, WAL journal
 * so that readers (in this process or another) never wait for a writer, a busy timeout so that a second process waits
 * for the write lock instead of failing, foreign keys on, synchronous FULL so that a committed transaction survives a
 * crash or power cut, and write transactions that take the write lock when they begin ({@code BEGIN IMMEDIATE}),
 * which avoids lock-upgrade deadlocks between processes. SQLite in memory: one connection for everything.
 * PostgreSQL: a few connections, read committed, shared by reads and writes.
 *
 * <p>Threading: any thread may call {@link #read} and {@link #write}. A thread that already holds a connection
 * (a callback inside a read, a write inside a write) gets the same one again, so nesting never deadlocks, a nested
 * write joins the outer transaction, and reads inside a transaction see its changes.
 */
final class Database implements AutoCloseable {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    private static final int SQLITE_READERS = 3;
    private static final int POSTGRES_CONNECTIONS = 4;

    /**
     * Flyway reports every migration check at INFO; through java.util.logging (when no SLF4J binding is present)
     * that would print on every CLI command. Unless the application configured it, only warnings are shown.
     */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    /**
     * Flyway reports a failed migration at SEVERE before it throws; tolk reports it itself (naming the store), and a
     * migration that lost a race with another process is no failure at all, so that line is not shown.
     */
    private static final Logger FLYWAY_MIGRATE_LOG = Logger.getLogger("org.flywaydb.core.internal.command.DbMigrate");

    static {
        if (FLYWAY_LOG.getLevel() == null) {
            FLYWAY_LOG.setLevel(Level.WARNING);
        }
        if (FLYWAY_MIGRATE_LOG.getLevel() == null) {
            FLYWAY_MIGRATE_LOG.setLevel(Level.OFF);
        }
    }

    private final StoreUrl url;
    private final boolean readOnly;
    private final Pool writers;
    private final Pool readers;
    private final ThreadLocal<Held> held = new ThreadLocal<>();
    /** Keeps a shared-cache memory database alive while the store is open. */
    private final Connection keepAlive;
    private volatile boolean closed;
    private volatile List<String> notices = List.of();
    /** Whether {@link #open} has finished: from then on, a failure is one of a store in use. */
    private volatile boolean opened;

    /** The connection a thread holds, and what it is doing with it. */
    private static final class Held {
        final Connection connection;
        final Pool pool;
        boolean inTransaction;
        boolean broken;

        Held(Connection connection, Pool pool) {
            this.connection = connection;
            this.pool = pool;
        }
    }

    /** A bounded set of connections; a thread waits for one when all are lent. */
    private final class Pool {
        private final Semaphore permits;
        private final Deque<Connection> idle = new ArrayDeque<>();

        Pool(int size) {
            this.permits = new Semaphore(size, true);
        }

        Connection acquire() {
            if (closed) {
                throw new StoreException("store " + url.display() + " is closed");
            }
            permits.acquireUninterruptibly();
            Connection c;
            synchronized (idle) {
                c = idle.pollFirst();
            }
            try {
                return c != null ? c : connect(url);
            } catch (SQLException e) {
                permits.release();
                throw new StoreException("store " + url.display() + ": cannot connect: " + safe(e), e,
                        opened ? StoreException.Problem.FAILED : problemAtOpen(url, e));
            }
        }

        void release(Connection c, boolean broken) {
            try {
                if (broken || closed || c.isClosed() || !c.getAutoCommit()) {
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

        void close() {
            synchronized (idle) {
                idle.forEach(Database::closeQuietly);
                idle.clear();
            }
        }
    }

    private Database(StoreUrl url, boolean readOnly, Connection keepAlive) {
        this.url = url;
        this.readOnly = readOnly;
        this.keepAlive = keepAlive;
        if (url.vendor() == StoreUrl.Vendor.SQLITE && url.file() != null) {
            this.writers = new Pool(1);
            this.readers = new Pool(SQLITE_READERS);
        } else {
            this.writers = new Pool(url.vendor() == StoreUrl.Vendor.POSTGRESQL ? POSTGRES_CONNECTIONS : 1);
            this.readers = writers;
        }
    }

    /** How a store is opened. */
    enum Mode {
        /** Read-write; the store is created (SQLite file, schema) and migrated as needed. */
        CREATE,
        /** Read-write, but only a store that exists: one never created is {@link StoreException.Problem#NOT_CREATED}. */
        EXISTING,
        /** Read-only: an existing, up-to-date store; every write is refused; nothing is created or migrated. */
        READ_ONLY
    }

    /**
     * Opens the database and brings its schema up to date (Flyway, {@code classpath:db/migration/common}).
     *
     * @throws StoreException naming the store (never its password) and what went wrong
     */
    static Database open(StoreUrl url) {
        return open(url, Mode.CREATE);
    }

    /** {@link Mode#READ_ONLY} when {@code readOnly}, else {@link Mode#CREATE}. */
    static Database open(StoreUrl url, boolean readOnly) {
        return open(url, readOnly ? Mode.READ_ONLY : Mode.CREATE);
    }

    /**
     * Opens the database as {@code mode} says. An SQLite file is created owner-only and an existing one (with its
     * side files) narrowed to owner-only ({@link StoreFiles}); a private in-memory SQLite database is always
     * read-write. When two processes open a new store at once, one migrates it and the other waits for it.
     *
     * @throws StoreException naming the store (never its password) and what went wrong; its
     *                        {@link StoreException#problem()} tells a wrong setting, a store not created yet, a server
     *                        that cannot be reached or refuses the login, and anything else
     */
    static Database open(StoreUrl url, Mode mode) {
        Path file = url.file();
        if (file != null && file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw StoreException.configuration("store " + url.display() + ": the folder " + file.getParent()
                    + " does not exist", null);
        }
        boolean memory = url.vendor() == StoreUrl.Vendor.SQLITE && file == null;
        boolean readOnly = mode == Mode.READ_ONLY && !memory;
        if (mode != Mode.CREATE && file != null && !Files.exists(file)) {
            throw notCreated(url);
        }
        String narrowed = file == null ? null : secure(url, file);
        Database db;
        try {
            db = memory ? new Database(url, false, connect(url, false)) : new Database(url, readOnly, null);
        } catch (SQLException e) {
            throw new StoreException("store " + url.display() + ": cannot open: " + safe(e), e, problemAtOpen(url, e));
        }
        try {
            // the first connection sets WAL (persistent in the file) before Flyway opens its own; no transaction, so
            // opening never waits for another process's writes
            if (!db.read(Migrations::upToDate)) {
                if (mode != Mode.CREATE && !db.read(Migrations::hasHistory)) {
                    throw notCreated(url);
                }
                if (readOnly) {
                    db.checkUpToDate();
                } else {
                    db.migrate();
                }
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        db.opened = true;
        db.notices = narrowed == null ? List.of() : List.of(narrowed);
        return db;
    }

    private static StoreException notCreated(StoreUrl url) {
        return new StoreException("store " + url.display() + " does not exist yet: nothing has been synced (a"
                + " read-write command such as 'tolk sync' creates it)", null, StoreException.Problem.NOT_CREATED);
    }

    /** Narrows the store's files to owner-only; the notice to give when they were wider, or {@code null}. */
    private static String secure(StoreUrl url, Path file) {
        StoreFiles.Tightened t;
        try {
            t = StoreFiles.secure(file);
        } catch (IOException e) {
            throw StoreException.configuration("store " + url.display() + ": cannot make its file owner-only: " + e, e);
        }
        return t.any() ? t.notice(url) : null;
    }

    /** What opening found and put right that the user should hear of (files narrowed to owner-only). */
    List<String> notices() {
        return notices;
    }

    StoreUrl url() {
        return url;
    }

    StoreUrl.Vendor vendor() {
        return url.vendor();
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode, or inside the calling thread's transaction if it has one.
     * On an SQLite file, reads use their own connections and see the last committed state without waiting for writers.
     */
    <T> T read(Work<T> work) {
        return run(work, false);
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it. Joins the caller's transaction, if any. */
    <T> T write(Work<T> work) {
        return run(work, true);
    }

    boolean readOnly() {
        return readOnly;
    }

    /** Whether the calling thread is inside a {@link #write}. */
    boolean inTransaction() {
        Held h = held.get();
        return h != null && h.inTransaction;
    }

    private <T> T run(Work<T> work, boolean transactional) {
        if (transactional && readOnly) {
            throw new StoreException("store " + url.display() + " is open read-only: this command changes nothing");
        }
        Held h = held.get();
        boolean outer = h == null;
        if (outer) {
            Pool pool = transactional ? writers : readers;
            h = new Held(pool.acquire(), pool);
            held.set(h);
        }
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
            h.broken |= isConnectionLost(e);
            if (begins) {
                rollbackQuietly(h, e);
            }
            throw new StoreException("store " + url.display() + ": " + safe(e), e);
        } catch (RuntimeException | Error e) {
            if (begins) {
                rollbackQuietly(h, e);
            }
            throw e;
        } finally {
            if (begins) {
                h.inTransaction = false;
                try {
                    h.connection.setAutoCommit(true);
                } catch (SQLException e) {
                    h.broken = true;
                }
            }
            if (outer) {
                held.remove();
                h.pool.release(h.connection, h.broken);
            }
        }
    }

    private static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static void rollbackQuietly(Held h, Throwable cause) {
        try {
            h.connection.rollback();
        } catch (SQLException e) {
            h.broken = true;
            cause.addSuppressed(e);
        }
    }

    private Connection connect(StoreUrl url) throws SQLException {
        return connect(url, readOnly);
    }

    /**
     * Opens an SQLite connection, waiting while the file is busy. Switching a new file to WAL (one of the settings
     * applied on connect) needs the file to itself, and SQLite answers SQLITE_BUSY at once, without its busy handler,
     * while another process holds it (say, migrating the same new store): so the connect is tried again until the
     * busy timeout.
     */
    private static Connection connectWaiting(SQLiteConfig config, StoreUrl url) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(SQLITE_BUSY_TIMEOUT_MS);
        while (true) {
            try {
                return config.createConnection(url.jdbcUrl());
            } catch (SQLException e) {
                boolean busy = e.getErrorCode() == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
                if (!busy || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Connection connect(StoreUrl url, boolean readOnly) throws SQLException {
        if (url.vendor() == StoreUrl.Vendor.SQLITE) {
            SQLiteConfig config = new SQLiteConfig();
            if (url.file() != null && !readOnly) {
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            }
            config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            // 32 MB of page cache a connection instead of SQLite's 2 MB: a cycle's chunk touches index pages all over
            // the file (entity ids are random), and re-reading them from the OS for every statement was most of a
            // chunk's commit time
            config.setCacheSize(-32 * 1024);
            config.setOpenMode(SQLiteOpenMode.OPEN_URI);
            Connection c = connectWaiting(config, url);
            if (readOnly) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("PRAGMA query_only = 1");
                }
            }
            return c;
        }
        Properties p = new Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        p.setProperty("ApplicationName", "tolk");
        if (readOnly) {
            p.setProperty("readOnlyMode", "always"); // read-only also in auto-commit mode (the driver's default is not)
        }
        Connection c = DriverManager.getConnection(url.jdbcUrl(), p);
        c.setReadOnly(readOnly);
        return c;
    }

    private Flyway flyway() {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:" + Migrations.LOCATION)
                .connectRetries(0)
                .callbacks(KillPoint.MIGRATION_STEP.armed() ? new Callback[] {new HaltAfterEachMigration()} : new Callback[0])
                .load();
    }

    /** The kill-harness hook {@link KillPoint#MIGRATION_STEP}: reached after each script, inside its transaction. */
    private static final class HaltAfterEachMigration implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            KillPoint.MIGRATION_STEP.reach();
        }

        @Override
        public String getCallbackName() {
            return "tolk-kill-point";
        }
    }

    private void checkUpToDate() {
        int pending;
        try {
            pending = flyway().info().pending().length;
        } catch (FlywayException e) {
            throw new StoreException("store " + url.display() + ": cannot read its schema version: "
                    + StoreUrl.redact(String.valueOf(e.getMessage())), e);
        }
        if (pending > 0) {
            throw new StoreException("store " + url.display() + " needs " + pending + " schema migration(s) that this"
                    + " read-only command does not make; a read-write command such as 'tolk sync' applies them");
        }
    }

    /** How long a process waits for another one migrating the same new store. */
    static final Duration MIGRATION_WAIT = Duration.ofSeconds(60);

    /**
     * Applies pending migrations. Each migration is one transaction (SQLite and PostgreSQL both have transactional
     * DDL), so a store is never left half-migrated. Two processes opening a new store at once race for it: the loser's
     * Flyway run fails on what the winner has just created (or on the winner's write lock), rolls back, and tries
     * again until the winner is done (or, if the winner died, finishes the work itself). A failure while nobody else
     * is migrating is final at once.
     */
    private void migrate() {
        long deadline = System.nanoTime() + MIGRATION_WAIT.toNanos();   // elapsed time, not a time of day
        long pause = 50;
        while (true) {
            long before = read(Migrations::progress);
            try {
                KillPoint.MIGRATION_START.reach();
                flyway().migrate();
                KillPoint.MIGRATION_DONE.reach();
                return;
            } catch (FlywayValidateException e) {
                throw new StoreException("store " + url.display() + ": migrating the schema failed: the migrations"
                        + " applied to it are not the ones this tolk knows: "
                        + StoreUrl.redact(String.valueOf(e.getMessage())), e);
            } catch (FlywayException e) {
                if (read(Migrations::upToDate)) {
                    return;   // another process finished migrating it meanwhile
                }
                boolean raced = read(Migrations::progress) != before || isLockWait(e);
                if (!raced || System.nanoTime() - deadline > 0) {
                    throw new StoreException("store " + url.display() + ": migrating the schema failed: "
                            + StoreUrl.redact(String.valueOf(e.getMessage())), e);
                }
                try {
                    Thread.sleep(pause + java.util.concurrent.ThreadLocalRandom.current().nextLong(pause));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("store " + url.display() + ": interrupted while waiting for its schema"
                            + " migration", interrupted);
                }
                pause = Math.min(1000, pause * 2);
            }
        }
    }

    /** Whether a failure was waiting for another writer's lock (SQLite's busy, PostgreSQL's lock timeout). */
    private static boolean isLockWait(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("55P03".equals(sql.getSQLState())
                    || (sql.getClass().getName().startsWith("org.sqlite.") && ((sql.getErrorCode() & 0xff) == 5
                    || (sql.getErrorCode() & 0xff) == 6)))) {
                return true;   // lock_not_available; SQLITE_BUSY, SQLITE_LOCKED
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a failure to connect while the store is being opened means. SQLite: a path tolk may not open, cannot open
     * or that is not a database file is a wrong setting. PostgreSQL: an unknown database (SQLSTATE 3D000) is a wrong
     * setting; a refused login (28...), a connection that cannot be made (08...), an unknown host or a refused or
     * timed-out connection is a server tolk cannot reach. Anything else is a failure of the store.
     */
    static StoreException.Problem problemAtOpen(StoreUrl url, SQLException e) {
        if (url.vendor() == StoreUrl.Vendor.SQLITE) {
            int code = e.getErrorCode() & 0xff;   // primary result code: SQLITE_PERM 3, SQLITE_CANTOPEN 14, SQLITE_NOTADB 26
            return code == 3 || code == 14 || code == 26 ? StoreException.Problem.SETTING : StoreException.Problem.FAILED;
        }
        String state = e.getSQLState();
        if ("3D000".equals(state)) {
            return StoreException.Problem.SETTING;
        }
        if (state != null && (state.startsWith("28") || state.startsWith("08"))) {
            return StoreException.Problem.UNREACHABLE;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.NoRouteToHostException) {
                return StoreException.Problem.UNREACHABLE;
            }
        }
        return StoreException.Problem.FAILED;
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
        writers.close();
        readers.close();
        if (keepAlive != null) {
            closeQuietly(keepAlive);
        }
    }
}
