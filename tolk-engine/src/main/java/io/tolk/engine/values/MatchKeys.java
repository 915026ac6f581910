package io.tolk.engine.values;

import com.ibm.icu.lang.UCharacter;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Match keys for rule 3 (matching before creating). {@code null} means "never matches".
 *
 * <p>Text is brought to one form before it is compared: Unicode NFC (so {@code a} + combining ring above is
 * {@code å}), no-break spaces as spaces, zero-width characters removed, whitespace collapsed and trimmed, and Unicode
 * full case folding (ICU's, as the Unicode standard defines it: {@code ß}, {@code ẞ} and {@code SS} meet, the dotless
 * {@code ı} stays apart from {@code i}, the ligature {@code ﬁ} is {@code fi}). Accents are kept: {@code å} never
 * matches {@code a}; and compatibility forms are not folded (NFC, not NFKC: {@code Ａ} is not {@code A}, {@code ²} is
 * not {@code 2}), because a loose fold that links two different customers is worse than a duplicate.
 */
public final class MatchKeys {

    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    /** No-break spaces: U+00A0, U+2007, U+202F (they are white space too; named here so the rule reads whole). */
    private static final Pattern NO_BREAK = Pattern.compile("[\\u00A0\\u2007\\u202F]");
    /**
     * Zero-width characters: space, non-joiner, joiner, word joiner, the Mongolian vowel separator and the byte-order
     * mark (a zero-width no-break space).
     */
    private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\u180E\\uFEFF]");

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

    /**
     * A search key for a person's name ({@code "name:" + first + " " + last}, in the one form above): stored beside the
     * match keys so a person can be found by name, and never a match key (persons match on e-mail only); {@code null}
     * if both parts are empty.
     */
    public static String personName(String first, String last) {
        String f = fold(first);
        String l = fold(last);
        if (f == null && l == null) {
            return null;
        }
        return NAME_PREFIX + (f == null ? l : l == null ? f : f + " " + l);
    }

    /** What a person-name search key starts with; an e-mail key never does (an address holds an {@code @}). */
    public static final String NAME_PREFIX = "name:";

    /** The search prefix for names typed by a person ({@code "kari n"}); {@code null} if empty. */
    public static String personNamePrefix(String typed) {
        String t = fold(typed);
        return t == null ? null : NAME_PREFIX + t;
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
        // folding can leave a text that is not in NFC (İ folds to i + combining dot above): normalise again
        return Normalizer.normalize(UCharacter.foldCase(s, UCharacter.FOLD_CASE_DEFAULT), Normalizer.Form.NFC);
    }
}
