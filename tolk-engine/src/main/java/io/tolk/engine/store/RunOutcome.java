package io.tolk.engine.store;

/** How a cycle ended. {@link #code()} is what the store keeps and what {@code tolk status} shows. */
public enum RunOutcome {
    /** Everything was done. */
    OK("ok"),
    /** The cycle finished, but some records failed (they are listed as failures). */
    FAILURES("failures"),
    /** The cycle finished, but propagated deletions were held back above the per-cycle limit. */
    DELETES_HALTED("deletes halted"),
    /** The cycle finished, but a system's quota ran out (API credits): the rest waits for the next cycles. */
    WAITING_FOR_QUOTA("waiting for quota"),
    /** The cycle stopped part-way on an error; what it committed before stays. */
    FAILED("failed"),
    /** The cycle was stopped part-way (a signal); what it committed before stays. */
    INTERRUPTED("interrupted");

    private final String code;

    RunOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The outcome of a stored code; unknown codes (older versions wrote free text) read as {@link #FAILED}. */
    public static RunOutcome ofCode(String code) {
        for (RunOutcome o : values()) {
            if (o.code.equals(code)) {
                return o;
            }
        }
        return FAILED;
    }
}
