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
