package io.tolk.engine.store;

import java.time.Instant;

/**
 * How much history housekeeping keeps ({@link ConnectionStore#prune}). What it removes is only history: a cycle never
 * reads it, and every row that a person or the next cycle still acts on stays.
 *
 * <ul>
 *   <li><b>Runs</b> that started before {@code runsBefore} are removed, except the connection's newest run (so
 *       {@code tolk status} always has a last cycle to show).</li>
 *   <li><b>History lines</b> (activity) from before {@code activityBefore} are removed, except the lines of a record
 *       that still has a failure (a pending retry), waits in the review queue, or is the source of a create intent
 *       that is still {@link IntentState#PENDING}: a person looking into those wants their story.</li>
 *   <li>Besides, each record keeps at most its newest {@code versionsPerRecord} history lines (newest by time, the
 *       last appended first among lines of the same instant); older ones are removed whatever their age. The store
 *       keeps one snapshot per record and no snapshot history, so a record's history lines are its versions: what
 *       was linked, created, written (field: old → new), failed, decided.</li>
 *   <li><b>Conflicts</b> decided before {@code activityBefore} are removed once restored; a conflict that was not
 *       restored stays, whatever its age, because its loser can still be restored.</li>
 *   <li><b>Create intents</b> made before {@code activityBefore} are removed once {@link IntentState#DONE} or
 *       {@link IntentState#FAILED}; a {@link IntentState#PENDING} intent is never removed (it is how a lost create is
 *       found instead of made twice).</li>
 * </ul>
 *
 * <p>Snapshots, entities, links, checkpoints, failures and review items are never pruned.
 *
 * @param runsBefore        runs started before this are removed; {@code null}: every run is kept
 * @param activityBefore    history lines, restored conflicts and finished create intents from before this are
 *                          removed; {@code null}: kept whatever their age
 * @param versionsPerRecord the most history lines a record keeps; {@code 0}: no limit
 */
public record Retention(Instant runsBefore, Instant activityBefore, int versionsPerRecord) {

    public Retention {
        if (versionsPerRecord < 0) {
            throw new IllegalArgumentException("versionsPerRecord must be 0 (no limit) or more, not " + versionsPerRecord);
        }
    }

    /** Keeps everything: pruning with it removes nothing. */
    public static Retention keepAll() {
        return new Retention(null, null, 0);
    }

    /** Whether a run that started at {@code startedAt} is old enough to go (the newest run is kept regardless). */
    public boolean runExpired(Instant startedAt) {
        return runsBefore != null && startedAt.isBefore(runsBefore);
    }

    /** Whether history from {@code at} is old enough to go (a protected record's lines are kept regardless). */
    public boolean activityExpired(Instant at) {
        return activityBefore != null && at != null && at.isBefore(activityBefore);
    }

    /** Whether a record's history line that has {@code newer} lines newer than it is beyond the per-record limit. */
    public boolean beyondVersions(long newer) {
        return versionsPerRecord > 0 && newer >= versionsPerRecord;
    }
}
