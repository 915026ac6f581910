package io.tolk.app.config;

import java.util.Objects;

/**
 * A credential from tolk.yaml (usually via {@code ${ENV_VAR}}). Its {@link #toString()} is {@code ****}, so it can
 * be logged or printed by accident without leaking; only {@link #reveal()} gives the value, for the connector.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The real value: hand it to the connector that needs it, nowhere else. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
