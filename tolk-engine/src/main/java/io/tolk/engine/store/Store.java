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

    /** Releases resources. Does not throw. */
    @Override
    void close();
}
