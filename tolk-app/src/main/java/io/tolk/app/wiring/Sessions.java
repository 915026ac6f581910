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
    private final boolean nothingSyncedYet;

    private Sessions(Store store, List<EngineSession> sessions, boolean nothingSyncedYet) {
        this.store = store;
        this.sessions = List.copyOf(sessions);
        this.nothingSyncedYet = nothingSyncedYet;
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
        EngineSession.OpenedStore opened = EngineSession.openStore(config, clock, readOnly);
        Store store = opened.store();
        List<EngineSession> sessions = new ArrayList<>();
        try {
            for (ConnectionConfig c : connections) {
                sessions.add(EngineSession.open(store, c, clock, confirmDeletes));
            }
        } catch (RuntimeException e) {
            sessions.forEach(EngineSession::close);
            store.close();
            throw e;
        }
        return new Sessions(store, sessions, opened.nothingSyncedYet());
    }

    /** Whether the store is only an empty stand-in for one that has not been created yet (read-only commands). */
    public boolean nothingSyncedYet() {
        return nothingSyncedYet;
    }

    public List<EngineSession> all() {
        return sessions;
    }

    @Override
    public void close() {
        sessions.forEach(EngineSession::close);
        store.close();
    }
}
