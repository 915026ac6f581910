package io.tolk.store;

import io.tolk.engine.KillPoint;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Store} on JDBC: SQLite (the embedded default, one file) or PostgreSQL (shared by several processes).
 * The schema is brought up to date by Flyway when the store opens ({@code db/migration/common}, one SQL dialect for
 * both databases). Thread-safe. Several processes may open the same database; {@link #tryLock} keeps them from
 * running the same connection's cycle at once, and reads never wait for it.
 */
public final class JdbcStore implements Store {

    private final Database db;
    private final Clock clock;
    private final Map<String, JdbcConnectionStore> connections = new ConcurrentHashMap<>();
    /** Per connection, the lock owner its writes through this object are fenced with (see {@link #fenceWrites}). */
    private final Map<String, WriteFences.Fence> fences = new ConcurrentHashMap<>();

    private JdbcStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Opens the store the {@code store} setting names, creating and migrating its schema as needed.
     *
     * @param clock the clock lock expiry is judged by
     * @throws StoreUrlException if the setting is not a store URL
     * @throws StoreException    if the database cannot be opened or migrated (the message names it, never its password)
     */
    public static JdbcStore open(StoreUrl url, Clock clock) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clock, "clock");
        return new JdbcStore(Database.open(url), clock);
    }

    /**
     * Opens the store if it has been created, for commands that read its state but must not create it: empty when
     * nothing has been synced yet (no SQLite file, or a PostgreSQL database without tolk's schema). A store that
     * exists is opened as by {@link #open} (migrated if this tolk is newer).
     *
     * @throws StoreException if the setting points nowhere usable, or the server cannot be reached, or the store
     *                        cannot be opened; never for a store that is simply not there yet
     */
    public static Optional<JdbcStore> openExisting(StoreUrl url, Clock clock) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clock, "clock");
        try {
            return Optional.of(new JdbcStore(Database.open(url, Database.Mode.EXISTING), clock));
        } catch (StoreException e) {
            if (e.problem() == StoreException.Problem.NOT_CREATED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Opens an existing store for reading only, for commands that must change nothing ({@code tolk plan},
     * {@code status}, {@code failures}, {@code conflicts}): every write, {@link #tryLock} included, throws a
     * {@link StoreException}; nothing is created or migrated.
     *
     * @throws StoreException if the store does not exist yet (SQLite), or its schema needs migrating, or it cannot be
     *                        opened; the message names the store and what to do
     */
    public static JdbcStore openReadOnly(StoreUrl url, Clock clock) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clock, "clock");
        return new JdbcStore(Database.open(url, true), clock);
    }

    /** Whether this store refuses writes ({@link #openReadOnly}). */
    public boolean readOnly() {
        return db.readOnly();
    }

    /**
     * Opens the store a {@code store} setting names, as the CLI does: relative SQLite paths from {@code baseDir} (the
     * config file's directory), PostgreSQL credentials from {@code TOLK_DB_USER} / {@code TOLK_DB_PASSWORD}.
     */
    public static JdbcStore open(String storeSetting, Path baseDir, Clock clock) {
        return open(StoreUrl.parse(storeSetting, baseDir, System.getenv()), clock);
    }

    /** Opens the store a {@code store} setting names (relative paths from the working directory), with the system clock. */
    public static JdbcStore open(String storeSetting) {
        return open(StoreUrl.parse(storeSetting), Clock.systemUTC());
    }

    /**
     * What opening this store found and put right that the user should be told once, e.g. that its files were
     * readable by others and are owner-only now. Empty mostly.
     */
    public List<String> notices() {
        return db.notices();
    }

    /** Where this store lives, safe to show. */
    public StoreUrl url() {
        return db.url();
    }

    @Override
    public ConnectionStore connection(String name) {
        Objects.requireNonNull(name, "name");
        return connections.computeIfAbsent(name, n -> new JdbcConnectionStore(db, n, () -> fences.get(n), clock));
    }

    /** The connections that have stored anything, by name. */
    @Override
    public List<String> connections() {
        return db.read(c -> Sql.list(c, "SELECT connection_name FROM tolk_connection ORDER BY connection_name"
                        + (db.vendor() == StoreUrl.Vendor.POSTGRESQL ? " COLLATE \"C\"" : ""),
                rs -> rs.getString(1)));
    }

    @Override
    public boolean tryLock(String connection, String owner, Duration ttl) {
        boolean taken = db.write(c -> LockTable.take(c, connection, owner, clock.instant(), ttl));
        if (taken) {
            KillPoint.LOCK_TAKEN.reach();
        }
        return taken;
    }

    @Override
    public void release(String connection, String owner) {
        KillPoint.LOCK_RELEASE.reach();
        db.write(c -> LockTable.release(c, connection, owner));
    }

    @Override
    public Optional<String> lockHolder(String connection) {
        Instant now = clock.instant();
        return db.read(c -> LockTable.holder(c, connection)).filter(h -> h.expiresAt().isAfter(now)).map(LockTable.Holder::owner);
    }

    @Override
    public boolean takeOverLock(String connection, String from, String owner, Duration ttl) {
        return db.write(c -> LockTable.takeOver(c, connection, from, owner, clock.instant(), ttl));
    }

    @Override
    public WriteFence fenceWrites(String connection, String owner, boolean logCommits) {
        WriteFences.Fence fence = new WriteFences.Fence(owner, logCommits);
        fences.put(connection, fence);
        return () -> fences.remove(connection, fence);
    }

    @Override
    public void close() {
        db.close();
    }
}
