package io.tolk.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, checked tolk.yaml. {@code connections} has at least one entry, except from a connections folder that holds
 * no usable file yet: the top-level poweroffice/zoho form is the single connection "default".
 *
 * @param file        where it was read from (null when built in code, e.g. by {@code tolk demo})
 * @param store       the store location as written: {@code sqlite:./tolk.db} or {@code jdbc:postgresql://...}
 * @param storeUrl    the same, resolved (relative SQLite paths from the config file's directory)
 * @param connections the connections, in file order
 * @param server      the service settings of {@code tolk run}
 * @param alerts       where a connection turning failing or stale, or recovering, is told (none by default)
 * @param housekeeping how long the store keeps its history
 * @param connectionsFolder where the connections' files are when {@code connections:} names a folder, else {@code null}
 * @param broken       the connection files of that folder that could not be used (left out of {@code connections})
 */
public record TolkConfig(Path file, String store, io.tolk.store.StoreUrl storeUrl, List<ConnectionConfig> connections,
                         ServerConfig server, AlertsConfig alerts, HousekeepingConfig housekeeping, Path connectionsFolder,
                         List<ConnectionFolder.Broken> broken) {

    public TolkConfig {
        connections = List.copyOf(connections);
        broken = broken == null ? List.of() : List.copyOf(broken);
    }

    /** Connections listed in the file (no folder). */
    public TolkConfig(Path file, String store, io.tolk.store.StoreUrl storeUrl, List<ConnectionConfig> connections,
                      ServerConfig server, AlertsConfig alerts, HousekeepingConfig housekeeping) {
        this(file, store, storeUrl, connections, server, alerts, housekeeping, null, List.of());
    }

    public static final String DEFAULT_STORE = "sqlite:./tolk.db";

    /** Without alerts, and with the default housekeeping. */
    public TolkConfig(Path file, String store, io.tolk.store.StoreUrl storeUrl, List<ConnectionConfig> connections,
                      ServerConfig server) {
        this(file, store, storeUrl, connections, server, AlertsConfig.none(), HousekeepingConfig.defaults());
    }

    public Optional<ConnectionConfig> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The only connection, or the one named; a ConfigException naming the choices otherwise. */
    public ConnectionConfig select(String name) {
        if (name == null) {
            if (connections.size() == 1) {
                return connections.get(0);
            }
            throw new ConfigException("connections", 0, "there are " + connections.size()
                    + " connections; choose one with --connection (" + names() + ")");
        }
        return connection(name).orElseThrow(() -> new ConfigException("connections", 0,
                "no connection named '" + name + "' (known: " + names() + ")"));
    }

    private String names() {
        return String.join(", ", connections.stream().map(ConnectionConfig::name).toList());
    }
}
