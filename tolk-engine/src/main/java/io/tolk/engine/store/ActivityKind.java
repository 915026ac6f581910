package io.tolk.engine.store;

/** What one line of a record's history says happened. {@link #code()} is what the store keeps. */
public enum ActivityKind {
    /**
     * A record changed in its own system, not by tolk (by a person or another program), as tolk read it: the mapped
     * fields, old value to new, and who changed it where the system says.
     */
    CHANGED("changed"),
    LINKED("linked"),
    CREATED("created"),
    UPDATED("updated"),
    FAILED("failed"),
    DELETED("deleted"),
    /** A propagated deletion that retired the record instead of deleting it (archived, deactivated). */
    RETIRED("archived"),
    RESTORED("restored"),
    REVIEW("review"),
    CONFLICT("conflict"),
    UNLINKED("unlinked"),
    FILTERED_OUT("filtered out"),
    FILTERED_IN("filtered in");

    private final String code;

    ActivityKind(String code) {
        this.code = code;
    }

    /** The stored form, e.g. {@code filtered out}. */
    public String code() {
        return code;
    }

    /**
     * The kind of a stored code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static ActivityKind ofCode(String code) {
        for (ActivityKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown activity '" + code + "'");
    }
}
