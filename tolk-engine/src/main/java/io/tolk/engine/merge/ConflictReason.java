package io.tolk.engine.merge;

/** Why one value won a conflict. {@link #code()} is what the store keeps and {@code tolk conflicts} shows. */
public enum ConflictReason {
    /** The newer change won. */
    NEWER("newer", "newer change"),
    /** Both changed within the systems' time resolution: {@code sync.tieWinner} won. */
    TIE("tie", "same second: tieWinner"),
    /** The records were linked with different values: {@code sync.tieWinner} won. */
    LINK("link", "different when linked: tieWinner");

    private final String code;
    private final String description;

    ConflictReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The stored form: {@code newer}, {@code tie}, {@code link}. */
    public String code() {
        return code;
    }

    /** A few words for people. */
    public String description() {
        return description;
    }
}
