package io.tolk.engine.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * tolk's durable state, for any number of connections (one connection = one account in each system it syncs).
 *
 * <p>Implementations: {@link InMemoryStore} (tests, dry runs) and the JDBC store in {@code tolk-store}. Every
 * implementation passes {@code io.tolk.engine.testing.StoreContractTest}. Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

    /** The state of one connection, created empty on first use. */
    ConnectionStore connection(String name);

    /** The connections that have state. */
    List<String> connections();

    /**
     * Takes the connection's cycle lock for {@code owner}, so that two processes never run the same connection's cycle
     * at once. Succeeds when the lock is free, expired ({@code ttl} after it was last taken), or already held by the
     * same {@code owner} (which extends it by {@code ttl}). Never blocks. Read-only commands do not take it.
     *
     * @return {@code true} if {@code owner} now holds the lock
     */
    boolean tryLock(String connection, String owner, Duration ttl);

    /** Releases the lock if {@code owner} holds it; otherwise does nothing. */
    void release(String connection, String owner);

    /** The owner of the connection's lock while it is unexpired; empty when the lock is free or expired. */
    Optional<String> lockHolder(String connection);

    /**
     * Takes the lock from {@code from} (an owner known to be dead) for {@code owner}, for {@code ttl}; only if
     * {@code from} still holds it, so that two processes taking over the same dead holder cannot both win.
     *
     * @return {@code true} if {@code owner} now holds the lock
     */
    boolean takeOverLock(String connection, String from, String owner, Duration ttl);

    /**
     * Fences this store object's writes of the connection with {@code owner}'s lock: until the returned fence is
     * closed, every write to the connection's state made through this object (from any thread) first checks, inside
     * its own transaction, that {@code owner} still holds the connection's lock (expired or not, as long as no other
     * owner took it), and otherwise throws {@link LockLostException} and writes nothing. A lock taken over in between
     * either waits for such a transaction to end or makes it fail, never both commit. So a process that was paused past
     * its lease and then resumes cannot commit over the work of the process that took the connection over. The lock's
     * own calls ({@link #tryLock}, {@link #release}, …) are not fenced.
     *
     * <p>With {@code logCommits}, each fenced {@link ConnectionStore#apply} also adds a line naming {@code owner} to
     * the store's commit log, in the same transaction (a cluster's proof that no two writers committed at once).
     */
    WriteFence fenceWrites(String connection, String owner, boolean logCommits);

    /** Ends a {@link #fenceWrites} (once, however often it is closed). */
    interface WriteFence extends AutoCloseable {
        @Override
        void close();
    }

    /** Releases resources. Does not throw. */
    @Override
    void close();
}
