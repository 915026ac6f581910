package io.tolk.engine.cycle;

import io.tolk.api.Connector;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connectors of one connection, by the system names they give themselves. Immutable. */
public final class Systems {

    private final Map<String, Connector> byName;

    private Systems(Map<String, Connector> byName) {
        this.byName = byName;
    }

    /**
     * @throws IllegalArgumentException when two connectors name the same system
     */
    public static Systems of(List<? extends Connector> connectors) {
        Map<String, Connector> map = new LinkedHashMap<>();
        for (Connector c : connectors) {
            if (map.put(c.system(), c) != null) {
                throw new IllegalArgumentException("two connectors for system " + c.system());
            }
        }
        return new Systems(map);
    }

    /**
     * The connector of one system.
     *
     * @throws IllegalArgumentException naming the systems there are
     */
    public Connector get(String system) {
        Connector c = byName.get(system);
        if (c == null) {
            throw new IllegalArgumentException("no connector for system '" + system + "'; connectors: "
                    + String.join(", ", byName.keySet()));
        }
        return c;
    }

    public boolean has(String system) {
        return byName.containsKey(system);
    }

    public Collection<Connector> all() {
        return byName.values();
    }

    /** The same systems with every connector replaced by {@code wrap}'s result (the dry run's). */
    public Systems map(java.util.function.UnaryOperator<Connector> wrap) {
        Map<String, Connector> map = new LinkedHashMap<>();
        byName.forEach((name, c) -> map.put(name, wrap.apply(c)));
        return new Systems(map);
    }

    /** API calls each connector made so far. */
    public Map<String, Long> calls() {
        Map<String, Long> out = new LinkedHashMap<>();
        byName.forEach((system, c) -> out.put(system, c.usage() == null ? 0L : c.usage().calls()));
        return out;
    }
}
