package io.tolk.engine.values;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Match keys for rule 3 (matching before creating). {@code null} means "never matches".
 *
 * <p>Text is brought to one form before it is compared: Unicode NFC (so {@code a} + combining ring is {@code å}),
 * no-break spaces as spaces, zero-width characters removed, whitespace collapsed and trimmed, and Unicode case
 * folding. Accents are kept: {@code å} never matches {@code a}, because linking two different customers is worse
 * than a duplicate.
 */
public final class MatchKeys {

    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    /** No-break spaces: U+00A0, U+2007, U+202F. */
    private static final Pattern NO_BREAK = Pattern.compile("[\\u00A0\\u2007\\u202F]");
    /** Zero-width space, non-joiner, joiner, word joiner and the byte-order mark. */
    private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]");

    private MatchKeys() {
    }

    /** An organisation name in the one form above; {@code null} if empty. */
    public static String organizationName(String raw) {
        return fold(raw);
    }

    /** An e-mail address in the one form above; {@code null} if empty. */
    public static String email(String raw) {
        return fold(raw);
    }

    /** The normal form of a text: NFC, spaces unified, zero-width removed, collapsed, trimmed, case-folded. */
    static String fold(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        s = ZERO_WIDTH.matcher(NO_BREAK.matcher(s).replaceAll(" ")).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        if (s.isEmpty()) {
            return null;
        }
        // full case folding: upper-casing first turns ß into SS and the final sigma into Σ, so both spellings meet
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }
}
