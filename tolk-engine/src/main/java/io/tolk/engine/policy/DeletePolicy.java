package io.tolk.engine.policy;

/** What a deletion on one side does to the other (rule 5). */
public enum DeletePolicy {
    /** The default: the link is marked deleted on that side; the other record is left alone and not re-created. */
    KEEP,
    /**
     * The other record is deleted too, or retired where its system retires records instead of deleting them, halted above
     * {@link SyncOptions#maxDeletesPerCycle()} until confirmed.
     */
    PROPAGATE;

    /** Parses the config word ({@code keep} | {@code propagate}). */
    public static DeletePolicy parse(String word) {
        for (DeletePolicy p : values()) {
            if (p.name().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a deletes policy; use keep or propagate");
    }
}
