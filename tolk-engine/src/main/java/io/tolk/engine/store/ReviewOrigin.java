package io.tolk.engine.store;

/** Why a record waits in the review queue. {@link #code()} is what the store keeps. */
public enum ReviewOrigin {
    /** Matching found more than one candidate (rule 3); every cycle looks again, and it leaves when it is clear. */
    MATCHING("matching"),
    /** A person unlinked it ({@code tolk unlink}); only {@code tolk link} takes it out. */
    USER("user"),
    /**
     * A person chose to have its partner created rather than link it to a candidate: matching leaves it alone (it is
     * neither matched nor offered as a candidate), the next cycle creates its partner, and it leaves the queue once the
     * partner exists.
     */
    CREATE("create");

    private final String code;

    ReviewOrigin(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * The origin of a stored code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static ReviewOrigin ofCode(String code) {
        for (ReviewOrigin o : values()) {
            if (o.code.equals(code)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown review origin '" + code + "'");
    }
}
