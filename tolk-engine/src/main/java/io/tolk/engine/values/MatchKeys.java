package io.tolk.engine.values;

import java.util.Locale;
import java.util.regex.Pattern;

/** Match keys for rule 3 (matching before creating). {@code null} means "never matches". */
public final class MatchKeys {

    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private MatchKeys() {
    }

    /** An organisation name: trimmed, inner whitespace collapsed to one space, lower-cased; {@code null} if empty. */
    public static String organizationName(String raw) {
        if (raw == null) {
            return null;
        }
        String key = SPACES.matcher(raw).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        return key.isEmpty() ? null : key;
    }

    /** An e-mail address: trimmed, lower-cased; {@code null} if empty. */
    public static String email(String raw) {
        if (raw == null) {
            return null;
        }
        String key = raw.strip().toLowerCase(Locale.ROOT);
        return key.isEmpty() ? null : key;
    }
}
