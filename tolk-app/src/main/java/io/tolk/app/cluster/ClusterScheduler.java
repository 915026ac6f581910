package io.tolk.app.cluster;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.tolk.app.service.CycleScheduler;
import io.tolk.app.service.NoticeInbox;
import io.tolk.engine.StopSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The {@link CycleScheduler} of a cluster: db-scheduler over the shared PostgreSQL store. Each connection is one row of
 * the shared schedule ({@code tolk_scheduled_tasks}, task {@value #TASK}, instance = the connection's name). Whichever
 * worker picks the row runs the cycle, then puts the row back due one interval later; db-scheduler lets one worker
 * pick a row at a time, and its heartbeats tell the others when a worker died: a row whose heartbeat is older than the
 * lease is revived and picked by another worker (so a dead worker's connections are taken over within about two
 * leases: the lease, then the next poll).
 *
 * <p>Each pick raises the row's version; that version is the claim's generation. Before every write call a cycle
 * sends, {@link #fence} asks whether the row is still picked by this worker at that generation, so a worker that lost
 * its claim sends nothing more (see {@link ClaimFence}). Inside the transaction of every commit, the store checks that
 * the cycle's lock, taken under the claim ({@link #claim}: {@code worker@generation} in its owner), is still this
 * worker's, and logs the commit with it ({@code tolk_commit_log}); a worker that resumes after another took the
 * connection over can therefore commit nothing, and at most the one write call it had in flight lands (its intent
 * was stored before it was sent, and the next cycle settles it). A stopping worker gives its running connections back due at
 * once, so another worker takes them over without waiting for the lease.
 *
 * <p>Triggers: a cycle asked for through the admin API while this worker runs the connection is run again at once
 * when the cycle ends; when no worker runs it, its row is made due now; when another worker runs it, the request is
 * dropped (that worker's next cycle reads the change anyway).
 *
 * <p>Notifications: any worker may receive a callback. Its records go to the shared store ({@link SharedNotices}, this
 * scheduler's {@link #inbox()}) before the connection is triggered, and the worker that claims the connection takes
 * them at the start of its cycle (a small cycle of them when they are why it runs) and removes them once that cycle has
 * synced them; a worker killed or fenced mid-cycle leaves them for the next claim. The trigger itself is never
 * dropped: when no worker runs the connection its row is made due now (so the next poll of any worker picks it, the
 * receiver's own at once); when a worker runs it, that worker looks in the store when its cycle ends, before and after
 * giving the row back, and makes it due at once if records came while it ran (a receiver that found the row picked
 * had committed its records before it looked, so the look after giving the row back sees them).
 */
public final class ClusterScheduler implements CycleScheduler {

    /** The task name of every connection's row. */
    public static final String TASK = "tolk-cycle";
    /** The recurring task that keeps the claim and commit logs to their last seven days ({@link ClaimLog#prune}). */
    public static final String PRUNING = "tolk-log-pruning";
    /** How often the logs are pruned (by one worker of the cluster, whichever picks the task). */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final DataSource db;
    private final String worker;
    private final Duration lease;
    private final Clock clock;
    private final ClaimLog claims;
    private final ClaimFence fence;
    private final SharedNotices notices;
    private final Duration stopWait;
    private final int threads;
    private final Map<String, Scheduled> known = new ConcurrentHashMap<>();
    private final Map<String, Long> holding = new ConcurrentHashMap<>();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile CycleRunner runner;
    private CustomTask<Void> task;
    private Scheduler scheduler;

    /**
     * @param db       the shared PostgreSQL store (a pool of its own)
     * @param worker   this worker's name, unique in the cluster (e.g. host/pid)
     * @param lease    how long a worker's claims last without a heartbeat (at least 4 s)
     * @param stopWait how long a stop waits for the cycles in progress
     * @param threads  how many connections this worker syncs at once
     */
    public ClusterScheduler(DataSource db, String worker, Duration lease, Clock clock, Duration stopWait, int threads) {
        if (lease.compareTo(Duration.ofSeconds(4)) < 0) {
            throw new IllegalArgumentException("the lease must be at least 4 s; got " + lease);
        }
        this.db = db;
        this.worker = worker;
        this.lease = lease;
        this.clock = clock;
        this.claims = new ClaimLog(db, clock);
        this.fence = new ClaimFence(db, TASK);
        this.notices = new SharedNotices(db);
        this.stopWait = stopWait;
        this.threads = Math.max(1, threads);
    }

    @Override
    public synchronized void start(List<Scheduled> connections, CycleRunner runner) {
        if (scheduler != null) {
            throw new IllegalStateException("the scheduler was started already");
        }
        this.runner = runner;
        connections.forEach(c -> known.put(c.connection(), c));
        task = Tasks.custom(TASK, Void.class).onDeadExecutionRevive().execute(this::execute);
        var pruning = Tasks.recurring(PRUNING, com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.of(PRUNE_EVERY))
                .execute((instance, ctx) -> claims.prune());
        scheduler = Scheduler.create(db, task)
                .startTasks(pruning)
                .schedulerName(new SchedulerName.Fixed(worker))
                .tableName("tolk_scheduled_tasks")
                .threads(threads)
                .pollingInterval(lease.dividedBy(5))
                .heartbeatInterval(lease.dividedBy(4))
                .missedHeartbeatsLimit(4)
                .enableImmediateExecution()
                .shutdownMaxWait(stopWait)
                .build();
        scheduler.start();
        Instant now = clock.instant();
        for (Scheduled s : connections) {
            scheduler.scheduleIfNotExists(task.instance(s.connection()), now);
        }
    }

    private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext ctx) {
        String connection = instance.getId();
        Scheduled s = known.get(connection);
        if (s == null || stopping || runner == null) {
            // a connection this worker does not serve (yet), or a stop: give it back for another worker
            Instant back = clock.instant().plus(s == null ? lease.dividedBy(5) : Duration.ZERO);
            return (complete, ops) -> ops.reschedule(complete, back);
        }
        long generation = ctx.getExecution().version;
        holding.put(connection, generation);
        claims.record(connection, worker, generation, ClaimLog.Event.CLAIMED);
        SharedNotices.Batch batch = notices.take(connection);
        Trigger trigger = requested.remove(connection) ? Trigger.REQUESTED
                : !batch.isEmpty() ? Trigger.NOTIFIED : Trigger.SCHEDULE;
        boolean synced;
        try {
            synced = runner.runCycle(connection, trigger, batch.notices());
        } finally {
            holding.remove(connection);
        }
        if (fenced.remove(connection) || !fence.holds(connection, worker, generation)) {
            claims.record(connection, worker, generation, ClaimLog.Event.FENCED);
            return (complete, ops) -> { };   // the row is another worker's now: leave it alone
        }
        if (synced) {
            notices.synced(batch);
        }
        claims.record(connection, worker, generation, ClaimLog.Event.RELEASED);
        boolean again = stopping || requested.contains(connection) || notices.waitingBesides(batch)
                || !known.containsKey(connection);
        Instant next = again ? clock.instant() : clock.instant().plus(s.interval());
        return (complete, ops) -> {
            ops.reschedule(complete, next);
            if (!again && !stopping && notices.waitingBesides(batch)) {
                dueNow(connection);   // notified between the look above and giving the row back
            }
        };
    }

    /**
     * The stop signal of a connection's cycle on this worker: true once the claim it runs under is no longer this
     * worker's (checked in the store each time it is asked: before every write call).
     */
    @Override
    public StopSignal fence(String connection) {
        return () -> {
            Long generation = holding.get(connection);
            if (generation == null) {
                return false;
            }
            if (fence.holds(connection, worker, generation)) {
                return false;
            }
            fenced.add(connection);
            return true;
        };
    }

    /** {@code worker@generation} while this worker runs a cycle of the connection, else null. */
    @Override
    public String claim(String connection) {
        Long generation = holding.get(connection);
        return generation == null ? null : worker + "@" + generation;
    }

    @Override
    public void add(Scheduled connection) {
        known.put(connection.connection(), connection);
        Scheduler s = scheduler;
        if (s != null) {
            s.scheduleIfNotExists(task.instance(connection.connection()), clock.instant());
        }
    }

    @Override
    public boolean remove(String connection, Duration grace) {
        known.remove(connection);
        long deadline = System.nanoTime() + grace.toNanos();
        while (holding.containsKey(connection) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !holding.containsKey(connection);
    }

    @Override
    public void triggerNow(String connection) {
        ask(connection, requested);
    }

    /**
     * The connection has notified records waiting in the shared store (see the class comment): due now, unless a
     * worker runs it, which then runs it again when its cycle ends.
     */
    @Override
    public void notified(String connection) {
        known(connection);
        if (!holding.containsKey(connection)) {
            dueNow(connection);
        }
    }

    /** The shared store, where the records of every worker's callbacks wait for the cycle that syncs them. */
    @Override
    public Optional<NoticeInbox> inbox() {
        return Optional.of(notices);
    }

    private void ask(String connection, Set<String> flags) {
        known(connection);
        flags.add(connection);
        if (holding.containsKey(connection)) {
            return;   // runs here now: the end of its cycle makes it due at once
        }
        dueNow(connection);
    }

    private void known(String connection) {
        if (!known.containsKey(connection)) {
            throw new IllegalArgumentException("no connection '" + connection + "'");
        }
    }

    /** Makes the connection's row due now, unless a worker has it picked (that worker looks again when it ends). */
    private void dueNow(String connection) {
        Scheduler s = scheduler;
        if (s == null) {
            return;
        }
        try {
            s.reschedule(task.instance(connection), clock.instant());
        } catch (RuntimeException e) {
            // picked by a worker right now: see the class comment
        }
    }

    /** Whether this worker runs a cycle of the connection now (for tests and status). */
    public boolean runs(String connection) {
        return holding.containsKey(connection);
    }

    /** The claim log of the shared store. */
    public ClaimLog claims() {
        return claims;
    }

    @Override
    public boolean stop(Duration grace) {
        stopping = true;
        Scheduler s = scheduler;
        if (s == null) {
            return true;
        }
        s.stop();   // waits up to stopWait for the cycles in progress (they were asked to stop)
        return holding.isEmpty();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
