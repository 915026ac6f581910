package io.tolk.app.wiring;

import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.engine.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Several connections' sessions over one store (a config with {@code connections:}). Closing closes all. */
public final class Sessions implements AutoCloseable {

    private final Store store;
    private final List<EngineSession> sessions;
    private final EngineSession.OpenedStore opened;

    private Sessions(Store store, List<EngineSession> sessions, EngineSession.OpenedStore opened) {
        this.store = store;
        this.sessions = List.copyOf(sessions);
        this.opened = opened;
    }

    /** Opens the store once and a session per connection; mapping mistakes surface before any I/O. */
    public static Sessions open(TolkConfig config, List<ConnectionConfig> connections, Clock clock,
                                boolean confirmDeletes) {
        return open(config, connections, clock, confirmDeletes, false);
    }

    /** With {@code readOnly}, a store not created yet is not created (see {@link EngineSession#openStore}). */
    public static Sessions open(TolkConfig config, List<ConnectionConfig> connections, Clock clock,
                                boolean confirmDeletes, boolean readOnly) {
        connections.forEach(Mappings::mapping);
        if (!readOnly && storeNotCreatedYet(config)) {
            connections.forEach(c -> zohoFieldsKnown(c, clock));
        }
        EngineSession.OpenedStore storeOpened = EngineSession.openStore(config, clock, readOnly);
        Store store = storeOpened.store();
        List<EngineSession> opened = new ArrayList<>();
        try {
            for (ConnectionConfig c : connections) {
                opened.add(EngineSession.open(store, c, clock, confirmDeletes));
            }
        } catch (RuntimeException e) {
            opened.forEach(EngineSession::close);
            store.close();
            throw e;
        }
        return new Sessions(store, opened, storeOpened);
    }

    private static boolean storeNotCreatedYet(TolkConfig config) {
        java.nio.file.Path file = config.storeUrl().file();
        return file != null && !java.nio.file.Files.exists(file);
    }

    /**
     * The Zoho fields tolk.yaml names ({@code add} pairs), checked against Zoho's field metadata before a new store is
     * created, so that a misspelt field is exit 2 and leaves no store behind. Metadata that cannot be read is left to
     * the check before the first read (exit 3 there; a failing connection in {@code tolk run}).
     */
    private static void zohoFieldsKnown(ConnectionConfig connection, Clock clock) {
        io.tolk.engine.mapping.Mapping mapping = Mappings.mapping(connection);
        if (ConfiguredFields.zohoFields(connection, mapping).isEmpty()) {
            return;
        }
        try (io.tolk.api.Connector zoho = Connectors.zoho(connection.zoho(), clock)) {
            ConfiguredFields.checkZohoFields(connection, mapping, zoho);
        } catch (io.tolk.api.ConnectorException e) {
            // reported by the check before the first read, with the rest of the cycle's failures
        }
    }

    /** The one store all the connections share. */
    public Store store() {
        return store;
    }

    public List<EngineSession> all() {
        return sessions;
    }

    /** Whether the store is only an empty stand-in for one that has not been created yet (read-only commands). */
    public boolean nothingSyncedYet() {
        return opened.nothingSyncedYet();
    }

    /** What opening the store put right that the user should hear of (see {@link EngineSession.OpenedStore#notices()}). */
    public List<String> storeNotices() {
        return opened.notices();
    }

    @Override
    public void close() {
        sessions.forEach(EngineSession::close);
        store.close();
    }
}
