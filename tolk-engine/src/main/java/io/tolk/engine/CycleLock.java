package io.tolk.engine;

import io.tolk.engine.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The connection's cycle lock as one process holds it: a short lease in the store, renewed in the background while
 * the cycle runs, so that a process that dies (killed, machine lost) blocks the connection for at most
 * {@link #LEASE} — and not at all when the dead holder ran on this machine, which {@link #acquire} sees by its
 * process id.
 *
 * <p>An owner is written {@code host/pid/nonce}. One per cycle; what went wrong with the lock (a takeover, a lost
 * renewal) is kept in {@link #warnings()} for the cycle's report.
 */
final class CycleLock implements AutoCloseable {

    /** How long the lock lasts without renewal. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** How often a holder renews it. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(15);

    private final Store store;
    private final String connection;
    private final String owner;
    private final ScheduledExecutorService renewer;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final Duration lease;
    private final Store.WriteFence fence;

    private CycleLock(Store store, String connection, String owner, String warning, Duration lease, boolean logCommits) {
        if (warning != null) {
            warnings.add(warning);
        }
        this.store = store;
        this.connection = connection;
        this.owner = owner;
        this.lease = lease;
        this.fence = store.fenceWrites(connection, owner, logCommits);
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tolk-lock-" + connection);
            t.setDaemon(true);
            return t;
        });
        long every = Math.min(RENEW_EVERY.toMillis(), lease.toMillis() / 4);
        renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock, or takes it over from a holder that ran on this machine and whose process has ended.
     *
     * @throws EngineBusyException when a live process (or one on another machine, within its lease) holds it
     */
    static CycleLock acquire(Store store, String connection) {
        return acquire(store, connection, LEASE);
    }

    /** As {@link #acquire(Store, String)}, with a lease of {@code lease} (renewed every quarter of it, at most 15 s). */
    static CycleLock acquire(Store store, String connection, Duration lease) {
        return acquire(store, connection, lease, null);
    }

    /**
     * As {@link #acquire(Store, String, Duration)}; with a {@code claim} (a cluster worker's claim of the connection,
     * e.g. {@code w2@17}) the owner carries it ({@code host/pid/claim~nonce}) and every fenced commit is logged with it.
     * While the lock is held, the store's writes of the connection are fenced with it ({@link Store#fenceWrites}).
     */
    static CycleLock acquire(Store store, String connection, Duration lease, String claim) {
        String owner = ownerOfThisProcess(claim);
        boolean log = claim != null;
        if (store.tryLock(connection, owner, lease)) {
            return new CycleLock(store, connection, owner, null, lease, log);
        }
        Optional<String> holder = store.lockHolder(connection);
        if (holder.isPresent() && isDeadOnThisHost(holder.get()) && store.takeOverLock(connection, holder.get(), owner, lease)) {
            return new CycleLock(store, connection, owner, "took over the cycle lock of " + describe(holder.get())
                    + ", a tolk process that ended without releasing it; this cycle finishes its work", lease, log);
        }
        if (holder.isEmpty() && store.tryLock(connection, owner, lease)) {   // released in between
            return new CycleLock(store, connection, owner, null, lease, log);
        }
        throw new EngineBusyException(connection, holder.map(CycleLock::describe).orElse(null));
    }

    private void renew() {
        try {
            if (!store.tryLock(connection, owner, lease)) {
                warnings.add("the cycle lock was taken over by another process while this cycle ran (it could not be "
                        + "renewed in time); that process may have repeated some of this cycle's work");
            }
        } catch (RuntimeException e) {
            warnings.add("renewing the cycle lock failed: " + e.getMessage());
        }
    }

    /** What went wrong with the lock so far, in words; empty normally. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        fence.close();
        store.release(connection, owner);
    }

    /** The owner this lock was taken as. */
    String owner() {
        return owner;
    }

    static String ownerOfThisProcess() {
        return ownerOfThisProcess(null);
    }

    static String ownerOfThisProcess(String claim) {
        String nonce = UUID.randomUUID().toString();
        return host() + "/" + ProcessHandle.current().pid() + "/"
                + (claim == null ? nonce : claim.replace('/', '_') + "~" + nonce);
    }

    /** True when {@code owner} names a process on this machine that no longer runs. */
    static boolean isDeadOnThisHost(String owner) {
        String[] parts = owner.split("/");
        if (parts.length != 3 || !parts[0].equals(host())) {
            return false;
        }
        try {
            long pid = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** "process 1234 on host-a", for messages. */
    static String describe(String owner) {
        String[] parts = owner.split("/");
        return parts.length == 3 ? "process " + parts[1] + " on " + parts[0] : owner;
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "localhost";
            }
        }
        return h.replace('/', '_');
    }
}
