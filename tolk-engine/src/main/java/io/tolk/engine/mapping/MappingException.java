package io.tolk.engine.mapping;

/**
 * A mapping mistake in tolk.yaml. The message names the config key path and line, e.g.
 * {@code flows.F1.properties.Shiping_City (line 14): no field Shiping_City in F1; known: ...}.
 */
public class MappingException extends RuntimeException {

    private final String keyPath;
    private final int line;

    /**
     * @param keyPath the config key, dotted ({@code flows.F1.filter})
     * @param line    the 1-based line in tolk.yaml, or {@code 0} when unknown (then the line is not shown)
     * @param message what is wrong and how to fix it
     */
    public MappingException(String keyPath, int line, String message) {
        super(keyPath + (line > 0 ? " (line " + line + ")" : "") + ": " + message);
        this.keyPath = keyPath;
        this.line = line;
    }

    public String keyPath() {
        return keyPath;
    }

    public int line() {
        return line;
    }
}
