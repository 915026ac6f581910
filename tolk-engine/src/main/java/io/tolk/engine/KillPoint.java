package io.tolk.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points of a sync where a test may make tolk halt itself, as a crash or a {@code kill -9} would, to prove that
 * a halt anywhere loses, duplicates and leaks nothing (issue 10, the kill harness).
 *
 * <p>Armed by the system property {@code tolk.haltAt} or the environment variable {@code TOLK_HALT_AT}, either
 * {@code POINT} or {@code POINT#n}: the process halts ({@link Runtime#halt}, exit code {@link #EXIT_CODE}: no shutdown
 * hook, nothing flushed or released) the {@code n}-th time (default 1) the point is reached. Unarmed, {@link #reach()}
 * is one comparison of a static final field: nothing else runs. Where a point is reached by several threads (the
 * writes of one chunk run in parallel per system), the {@code n}-th arrival halts, whichever thread it is.
 */
public enum KillPoint {

    // ------------------------------------------------------------------ store opening and lock
    /** {@code io.tolk.store.Database}: before the schema migrations of a new or older store are applied. */
    MIGRATION_START,
    /** {@code io.tolk.store.Database}: after each migration script is applied (Flyway's afterEachMigrate), the next not yet. */
    MIGRATION_STEP,
    /** {@code io.tolk.store.Database}: after every migration was applied, before the store is used. */
    MIGRATION_DONE,
    /** {@code io.tolk.store.LockTable}: right after the connection's cycle lock was taken. */
    LOCK_TAKEN,
    /** {@code io.tolk.store.LockTable}: right before the cycle lock is released (the cycle has ended). */
    LOCK_RELEASE,

    // ------------------------------------------------------------------ cycle start: retries, settling intents
    /** {@code SyncCycle.prepare}: after failures that are due were marked dirty again (the retry path). */
    RETRIES_MARKED,
    /** {@code PendingWrites}: one pending intent was looked up in its system, its outcome not yet stored. */
    INTENT_SETTLING,
    /** {@code PendingWrites}: after every pending intent was settled, before the read. */
    INTENTS_SETTLED,

    // ------------------------------------------------------------------ read and stage
    /** {@code Stager}: after a page of records read was staged, before the next page is read. */
    PAGE_STAGED,
    /** {@code ReadPhase}: before a stream's checkpoint is saved (its records are staged). */
    CHECKPOINT_SAVE,
    /** {@code ReadPhase}: after a stream's checkpoint was saved. */
    CHECKPOINT_SAVED,
    /** {@code SyncCycle.run}: after every stream was read, before deletions are detected. */
    READ_DONE,
    /** {@code SyncCycle.run}: after deletions were detected and staged, before the work. */
    DELETIONS_DETECTED,

    // ------------------------------------------------------------------ plan and act, chunk by chunk
    /** {@code SyncCycle.work}: a chunk's records were loaded, not yet planned. */
    CHUNK_LOADED,
    /** {@code SyncCycle.work}: a chunk was planned, its intents not yet stored. */
    CHUNK_PLANNED,
    /** {@code Executor.start}: the chunk's pre-write change set (intents, entities, links) is about to be stored. */
    INTENTS_STORE,
    /** {@code Executor.start}: the chunk's intents are durable, no write of it is sent yet. */
    INTENTS_STORED,
    /** {@code SlicedWrite}: before a create call's first request is sent. */
    CREATE_SEND,
    /** {@code SlicedWrite}: in the middle of a create call, after its first HTTP request answered. */
    CREATE_MID_BATCH,
    /** {@code SlicedWrite}: a create call answered, its ids not yet recorded. */
    CREATE_ANSWERED,
    /** {@code SlicedWrite}: before an update call's first request is sent. */
    UPDATE_SEND,
    /** {@code SlicedWrite}: in the middle of an update call, after its first HTTP request answered. */
    UPDATE_MID_BATCH,
    /** {@code SlicedWrite}: an update call answered, not yet confirmed in the store. */
    UPDATE_ANSWERED,
    /** {@code SlicedWrite}: before a delete call's first request is sent. */
    DELETE_SEND,
    /** {@code SlicedWrite}: in the middle of a delete call, after its first HTTP request answered. */
    DELETE_MID_BATCH,
    /** {@code SlicedWrite}: a delete call answered, not yet recorded. */
    DELETE_ANSWERED,
    /** {@code Executor.finish}: every call of a chunk answered, nothing of it recorded yet. */
    WRITES_ANSWERED,
    /** {@code Executor.finish}: the chunk commit (results, baselines, links, intents done) is about to be stored. */
    CHUNK_COMMIT,
    /** {@code Executor.finish}: right after a chunk commit was stored, before the next chunk. */
    CHUNK_COMMITTED,

    // ------------------------------------------------------------------ notified records, resync
    /** {@code Reread}: records read again by id (a notification or {@code tolk resync}) were staged. */
    REREAD_STAGED,
    /** {@code SyncCycle.notified}: notified records were planned, nothing of them stored or sent. */
    NOTIFIED_PLANNED,
    /** {@code SyncCycle.notified}: the writes of notified records were made and committed. */
    NOTIFIED_DONE,

    // ------------------------------------------------------------------ cycle end
    /** {@code SyncCycle.finish}: before the run record is saved in the run log. */
    RUN_LOG_SAVE,
    /** {@code SyncCycle.finish}: after the run record was saved. */
    RUN_LOG_SAVED;

    /** The exit code of a process halted at a kill point. */
    public static final int EXIT_CODE = 86;

    /** The point armed in this process, or {@code null}: the hook is off. */
    private static final KillPoint ARMED;
    /** On which arrival at {@link #ARMED} the process halts (1: the first). */
    private static final int NTH;
    private static final AtomicInteger ARRIVALS = new AtomicInteger();

    static {
        String spec = System.getProperty("tolk.haltAt", System.getenv("TOLK_HALT_AT"));
        KillPoint point = null;
        int nth = 1;
        if (spec != null && !spec.isBlank()) {
            String[] parts = spec.trim().split("#", 2);
            try {
                point = KillPoint.valueOf(parts[0]);
                nth = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tolk.haltAt / TOLK_HALT_AT '" + spec + "' is not POINT or POINT#n"
                        + " with a POINT of " + java.util.Arrays.toString(values()) + " and n a whole number", e);
            }
        }
        ARMED = point;
        NTH = nth;
    }

    /** The process is at this point: halts it if this is the armed point's {@code n}-th arrival, else does nothing. */
    public void reach() {
        if (ARMED == this) {
            halt();
        }
    }

    /** Whether the hook is armed at this point (for hooks that cost something to install). */
    public boolean armed() {
        return ARMED == this;
    }

    private void halt() {
        if (ARRIVALS.incrementAndGet() == NTH) {
            System.err.println("tolk: halted at kill point " + name() + "#" + NTH);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
