package io.tolk.engine.mapping;

import java.util.Objects;

/**
 * One value from tolk.yaml with where it was written, so a mistake can name its key and line.
 *
 * @param value the value
 * @param key   the config key path, e.g. {@code flows.F1.filter}
 * @param line  the 1-based line, or {@code 0} when unknown
 */
public record Setting<T>(T value, String key, int line) {
    public Setting {
        Objects.requireNonNull(key, "key");
    }
}
