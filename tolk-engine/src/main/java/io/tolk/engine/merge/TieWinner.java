package io.tolk.engine.merge;

/** Who wins a conflict that time cannot decide (same second), and a disagreement found when two records are linked. */
public enum TieWinner {
    POWEROFFICE("poweroffice"),
    ZOHO("zoho");

    private final String system;

    TieWinner(String system) {
        this.system = system;
    }

    /** The winning system's name. */
    public String system() {
        return system;
    }

    /** Parses the config word ({@code poweroffice} | {@code zoho}). */
    public static TieWinner parse(String word) {
        for (TieWinner w : values()) {
            if (w.system.equalsIgnoreCase(word == null ? "" : word.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a tieWinner; use poweroffice or zoho");
    }
}
