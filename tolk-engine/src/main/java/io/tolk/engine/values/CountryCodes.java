package io.tolk.engine.values;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Country names and codes from the JDK's own locale data: ISO 3166-1 alpha-2 and alpha-3 codes, and country names in
 * English and Norwegian (Bokmål {@code nb}, Nynorsk {@code nn}, {@code no}). Lookup ignores case, accents and
 * repeated spaces. Thread-safe.
 */
public final class CountryCodes {

    private static final List<Locale> NAME_LOCALES = List.of(Locale.ENGLISH, new Locale("nb"), new Locale("nn"), new Locale("no"));
    private static final Set<String> CODES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> BY_NAME = buildIndex();

    private CountryCodes() {
    }

    /**
     * The alpha-2 code for a country code or name: {@code "no"}, {@code "NOR"}, {@code "Norway"}, {@code "Norge"},
     * {@code " norway "} → {@code NO}; {@code "Tyskland"} → {@code DE}. Empty if unknown or blank.
     */
    public static Optional<String> toCode(String nameOrCode) {
        if (nameOrCode == null || nameOrCode.isBlank()) {
            return Optional.empty();
        }
        String trimmed = nameOrCode.trim();
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (upper.length() == 2 && CODES.contains(upper)) {
            return Optional.of(upper);
        }
        return Optional.ofNullable(BY_NAME.get(key(trimmed)));
    }

    /** Whether this is a valid alpha-2 code (upper case). */
    public static boolean isCode(String code) {
        return code != null && CODES.contains(code);
    }

    /**
     * The English name of an alpha-2 code ({@code NO} → {@code Norway}).
     *
     * @throws IllegalArgumentException if the code is not an ISO 3166-1 alpha-2 code
     */
    public static String englishName(String code) {
        String upper = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!CODES.contains(upper)) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 3166-1 alpha-2 country code");
        }
        return new Locale("", upper).getDisplayCountry(Locale.ENGLISH);
    }

    /** English names first, so they win if another language uses the same word for another country. */
    private static Map<String, String> buildIndex() {
        Map<String, String> index = new HashMap<>();
        for (Locale language : NAME_LOCALES) {
            for (String code : Locale.getISOCountries()) {
                Locale country = new Locale("", code);
                String name = country.getDisplayCountry(language);
                if (!name.isBlank() && !name.equals(code)) {
                    index.putIfAbsent(key(name), code);
                }
            }
        }
        for (String code : Locale.getISOCountries()) {
            try {
                index.putIfAbsent(key(new Locale("", code).getISO3Country()), code);
            } catch (java.util.MissingResourceException ignored) {
                // no alpha-3 code known for this one
            }
        }
        return Map.copyOf(index);
    }

    /** Lower case, accents removed, punctuation and runs of spaces folded to one space. */
    static String key(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        decomposed = decomposed.replace('ø', 'o').replace('Ø', 'O').replace('æ', 'a').replace('Æ', 'A')
                .replace('ß', 's').replace('đ', 'd');
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
