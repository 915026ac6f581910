package io.tolk.engine.policy;

/**
 * How many propagated deletions one cycle may make without the user's confirmation: no more than
 * {@code maxDeletesPerCycle}, and no more than 10 % of the linked records (rounded up, at least one), so that an API
 * hiccup that hides most of a system never turns into a mass delete.
 */
public final class DeleteGuard {

    private DeleteGuard() {
    }

    public static int allowed(int maxDeletesPerCycle, int linkedPairs) {
        int tenPercent = Math.max(1, (int) Math.ceil(linkedPairs * 0.10));
        return Math.min(maxDeletesPerCycle, tenPercent);
    }
}
