package io.tolk.app.config;

/**
 * A mistake in tolk.yaml (or a missing file). The message names the file, the key path and the line, e.g.
 * {@code tolk.yaml: sync.interval (line 12): '5x' is not a duration; write it like 30s, 5m or 1h}.
 * It never contains a secret's value. Exit code 2.
 */
public class ConfigException extends RuntimeException {

    private final String keyPath;
    private final int line;

    public ConfigException(String keyPath, int line, String message) {
        super(format(keyPath, line, message));
        this.keyPath = keyPath;
        this.line = line;
    }

    /** A problem with the file as a whole (missing, unreadable, not YAML). */
    public ConfigException(String message) {
        super(message);
        this.keyPath = "";
        this.line = 0;
    }

    private ConfigException(String fullMessage, String keyPath, int line) {
        super(fullMessage);
        this.keyPath = keyPath;
        this.line = line;
    }

    /** The same problem, with the file's name in front. */
    public ConfigException inFile(String fileName) {
        return new ConfigException(fileName + ": " + getMessage(), keyPath, line);
    }

    /** The dotted path of the offending key, e.g. {@code flows.F1.properties.Shipping_City}; empty for the file. */
    public String keyPath() {
        return keyPath;
    }

    /** 1-based line in the file, 0 when unknown. */
    public int line() {
        return line;
    }

    private static String format(String keyPath, int line, String message) {
        String where = keyPath == null || keyPath.isEmpty() ? "" : keyPath;
        if (line > 0) {
            where = where.isEmpty() ? "line " + line : where + " (line " + line + ")";
        }
        return where.isEmpty() ? message : where + ": " + message;
    }
}
