package io.tolk.engine.store;

/**
 * What {@link ConnectionStore#prune} removed (or {@link ConnectionStore#prunable} would remove), per kind of history.
 *
 * @param runs      run log rows
 * @param activity  history lines
 * @param conflicts restored conflicts
 * @param intents   finished (done or failed) create intents
 */
public record Pruned(long runs, long activity, long conflicts, long intents) {

    public static final Pruned NOTHING = new Pruned(0, 0, 0, 0);

    /** All rows together. */
    public long total() {
        return runs + activity + conflicts + intents;
    }

    public Pruned plus(Pruned other) {
        return new Pruned(runs + other.runs, activity + other.activity, conflicts + other.conflicts,
                intents + other.intents);
    }
}
