package io.tolk.engine.cycle;

/** What a cycle did (or, in a dry run, would do) to one record. */
public enum ChangeKind {
    /** Two records found to be the same (rule 3) and linked. */
    LINK,
    /** A record created in the target system. */
    CREATE,
    /** Fields of an existing record changed. */
    UPDATE,
    /** A deletion propagated: the partner deleted, or retired where its system retires records. */
    DELETE,
    /** A record waits for a person to decide its link. */
    REVIEW,
    /** A record could not be synced. */
    FAILURE,
    /** A property changed on both sides (or differed at linking) and one value won. */
    CONFLICT,
    /** A linked record was deleted in its own system; its partner is left alone. */
    DELETED_IN_SOURCE,
    /** A deleted record came back (same id) and is linked again. */
    RESTORED,
    /** Deletions were held back: more than maxDeletesPerCycle. */
    HALTED;

    /** Whether this kind writes to a system. */
    public boolean writes() {
        return this == CREATE || this == UPDATE || this == DELETE;
    }
}
