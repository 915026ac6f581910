package io.tolk.engine.values;

/** How a country is written to a system: as its ISO alpha-2 code (the default) or its English name. */
public enum CountryFormat {
    CODE("code"), ENGLISH_NAME("englishName");

    private final String word;

    CountryFormat(String word) {
        this.word = word;
    }

    /** The config word: {@code code} | {@code englishName}. */
    public String word() {
        return word;
    }

    /**
     * Parses a config word, ignoring case.
     *
     * @throws IllegalArgumentException naming the allowed words
     */
    public static CountryFormat parse(String word) {
        for (CountryFormat f : values()) {
            if (f.word.equalsIgnoreCase(word == null ? "" : word.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a country format; use code or englishName");
    }
}
