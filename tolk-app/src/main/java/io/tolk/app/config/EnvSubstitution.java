package io.tolk.app.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} (and {@code ${NAME:-fallback}}) in a config value by the environment variable's value.
 * A variable that is not set, without a fallback, is a {@link ConfigException} naming the key, line and variable; so
 * is a reference left open (a dollar and an opening brace with no closing brace), which would otherwise be taken literally and
 * surface much later as refused credentials.
 */
final class EnvSubstitution {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]*)(?::-([^}]*))?}");

    private static final Pattern LEFT_OPEN_NAME = Pattern.compile("[A-Za-z0-9_]{0,40}");

    private final Function<String, String> env;
    private final boolean lenient;

    /** @param lenient true: an unset variable becomes an empty value instead of an error (for commands that do not connect) */
    EnvSubstitution(Function<String, String> env, boolean lenient) {
        this.env = env;
        this.lenient = lenient;
    }

    /** True when unset variables are tolerated (commands that never connect, like {@code tolk docs}). */
    boolean lenient() {
        return lenient;
    }

    String apply(String raw, String keyPath, int line) {
        if (raw == null || !raw.contains("${")) {
            return raw;
        }
        Matcher m = VARIABLE.matcher(raw);
        StringBuilder sb = new StringBuilder();
        int literalFrom = 0;
        while (m.find()) {
            rejectUnclosed(raw.substring(literalFrom, m.start()), keyPath, line);
            literalFrom = m.end();
            String name = m.group(1).trim();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(keyPath, line, "'${" + m.group(1) + "}' is not a valid environment "
                        + "variable reference; write ${NAME} with letters, digits and _");
            }
            String value = env.apply(name);
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                if (!lenient) {
                    throw new ConfigException(keyPath, line, "environment variable " + name + " is not set");
                }
                value = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        rejectUnclosed(raw.substring(literalFrom), keyPath, line);
        m.appendTail(sb);
        return sb.toString();
    }

    /** A reference opened outside every complete one is left open: it is a mistake, never taken literally. */
    private static void rejectUnclosed(String literal, String keyPath, int line) {
        int open = literal.indexOf("${");
        if (open >= 0) {
            // only the name that follows is shown: the rest of the value may be a secret typed in the file
            Matcher name = LEFT_OPEN_NAME.matcher(literal.substring(open + 2));
            String shown = "${" + (name.lookingAt() ? name.group() : "");
            throw new ConfigException(keyPath, line, "'" + shown
                    + "' starts an environment variable reference that is never closed; write ${NAME}");
        }
    }
}
