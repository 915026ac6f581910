package io.tolk.engine.mapping;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Per property pair: who may write where.
 * Config words: {@code both} | {@code toZoho} | {@code toPoweroffice} | {@code createOnly}.
 */
public enum Direction {
    /** Edits on either side reach the other (the default). */
    BOTH("both"),
    /** PowerOffice → Zoho only; Zoho edits of this field are ignored. */
    TO_ZOHO("toZoho"),
    /** Zoho → PowerOffice only; PowerOffice edits of this field are ignored. */
    TO_POWEROFFICE("toPoweroffice"),
    /** Set when tolk creates the record, never updated afterwards, never read back as a change. */
    CREATE_ONLY("createOnly");

    private final String word;

    Direction(String word) {
        this.word = word;
    }

    /** The word used in tolk.yaml and in docs. */
    public String word() {
        return word;
    }

    /**
     * Parses a config word, case-insensitively ({@code toZoho}, {@code tozoho}, {@code TO_ZOHO} all work).
     *
     * @throws IllegalArgumentException naming the word and listing the allowed ones
     */
    public static Direction parse(String word) {
        String w = word == null ? "" : word.trim().replace("_", "").replace("-", "");
        for (Direction d : values()) {
            if (d.word.equalsIgnoreCase(w)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + (word == null ? "" : word.trim()) + "' is not a direction; use one of: "
                + Arrays.stream(values()).map(Direction::word).collect(Collectors.joining(", ")));
    }
}
