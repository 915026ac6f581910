package io.tolk.engine.store;

/**
 * What tolk expects of the next read of a record it wrote without reading it back (rule 7). {@link #code()} is what
 * the store keeps.
 */
public enum EchoExpectation {
    /** Nothing pending: tolk read the record back after its last write, or never wrote it. */
    NONE(0),
    /**
     * The system's answer gave no modification instant, so {@link Link#writtenAt()} is tolk's own clock: a read
     * modified within the echo window of it is taken as the system's form of tolk's values.
     */
    WITHIN_WINDOW(1),
    /**
     * The system's answer gave the record's modification instant after the write ({@link Link#writtenAt()}): a read
     * with exactly that instant is tolk's own write, read back; anything later is someone's edit.
     */
    EXACT(2);

    private final int code;

    EchoExpectation(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EchoExpectation ofCode(int code) {
        for (EchoExpectation e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown echo expectation " + code);
    }
}
