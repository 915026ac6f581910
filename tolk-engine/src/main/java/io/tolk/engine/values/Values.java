package io.tolk.engine.values;

import io.tolk.engine.mapping.ValueKind;

import java.text.Normalizer;
import java.util.Objects;

/**
 * Canonical values: what tolk compares and merges instead of raw strings. Every kind is trimmed, brought to Unicode
 * NFC (so {@code a} + combining ring above and the precomposed {@code å} are one value, never a change or a conflict)
 * and an empty value becomes {@code null}; countries become ISO alpha-2 codes; e-mail addresses compare
 * case-insensitively (Unicode case folding).
 *
 * <p>Only what no person can see is made equal: a change of case, of spaces or of an accent is an edit and reaches
 * the other system. (Matching before creating folds further: {@link MatchKeys}.)
 */
public final class Values {

    private Values() {
    }

    /**
     * The canonical form of a raw system value: valid (maybe {@code null} for empty), or invalid with the reason, e.g.
     * {@code 'Narnia' is not a country tolk knows}.
     */
    public static CanonicalValue canonical(ValueKind kind, String raw) {
        String trimmed = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (trimmed.isEmpty()) {
            return CanonicalValue.of(null);
        }
        if (kind == ValueKind.COUNTRY) {
            return CountryCodes.toCode(trimmed)
                    .map(CanonicalValue::of)
                    .orElseGet(() -> CanonicalValue.invalid("'" + trimmed + "' is not a country tolk knows; "
                            + "write a two-letter ISO code such as NO, or a name such as Norway or Norge"));
        }
        return CanonicalValue.of(trimmed);
    }

    /**
     * Whether two raw values mean the same, compared as canonical values of the kind. An invalid value equals only
     * the same trimmed text.
     */
    public static boolean same(ValueKind kind, String a, String b) {
        CanonicalValue ca = canonical(kind, a);
        CanonicalValue cb = canonical(kind, b);
        String va = ca.valid() ? ca.value() : Normalizer.normalize(a, Normalizer.Form.NFC).strip();
        String vb = cb.valid() ? cb.value() : Normalizer.normalize(b, Normalizer.Form.NFC).strip();
        if (kind == ValueKind.EMAIL && va != null && vb != null) {
            return MatchKeys.email(va).equals(MatchKeys.email(vb));
        }
        return Objects.equals(va, vb);
    }

    /**
     * The value to write for a canonical value. Countries are written as codes, or as English names with
     * {@link CountryFormat#ENGLISH_NAME} (the caller passes the format of the system written to); everything else is
     * written as it is.
     */
    public static String toSystem(ValueKind kind, String canonical, CountryFormat format) {
        if (canonical == null) {
            return null;
        }
        if (kind == ValueKind.COUNTRY && format == CountryFormat.ENGLISH_NAME && CountryCodes.isCode(canonical)) {
            return CountryCodes.englishName(canonical);
        }
        return canonical;
    }
}
