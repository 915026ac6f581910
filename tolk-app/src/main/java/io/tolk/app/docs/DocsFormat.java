package io.tolk.app.docs;

/** The output format of {@code tolk docs}. */
public enum DocsFormat {
    /** Markdown (GitHub tables). */
    MD,
    /** reStructuredText (list-tables). */
    RST;

    /**
     * {@code md} / {@code markdown} / {@code rst}, case-insensitive.
     *
     * @throws IllegalArgumentException listing the allowed words
     */
    public static DocsFormat parse(String word) {
        String w = word == null ? "" : word.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (w) {
            case "md", "markdown" -> MD;
            case "rst", "restructuredtext" -> RST;
            default -> throw new IllegalArgumentException("'" + word + "' is not a docs format; use md or rst");
        };
    }
}
