package io.tolk.app.wiring;

import io.tolk.api.Connector;
import io.tolk.app.config.ConnectionConfig;
import io.tolk.app.config.SyncConfig;
import io.tolk.app.config.TolkConfig;
import io.tolk.engine.SyncEngine;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.policy.SyncOptions;
import io.tolk.engine.store.Store;
import io.tolk.engine.store.InMemoryStore;
import io.tolk.store.JdbcStore;
import io.tolk.store.StoreUrl;
import java.time.Clock;
import java.util.List;

/**
 * Everything one command needs to work on one connection: the store, both connectors, the mapping and the engine.
 * Closing it closes what it opened (the engine itself owns nothing).
 */
public final class EngineSession implements AutoCloseable {

    private final ConnectionConfig connection;
    private final Store store;
    private final boolean ownsStore;
    private final Connector poweroffice;
    private final Connector zoho;
    private final Mapping mapping;
    private final SyncEngine engine;
    private final boolean nothingSyncedYet;
    private final List<String> storeNotices;

    private EngineSession(ConnectionConfig connection, OpenedStore opened, boolean ownsStore, Connector poweroffice,
                          Connector zoho, Mapping mapping, SyncOptions options, Clock clock) {
        this.connection = connection;
        this.store = opened.store();
        this.nothingSyncedYet = opened.nothingSyncedYet();
        this.storeNotices = opened.notices();
        this.ownsStore = ownsStore;
        this.poweroffice = poweroffice;
        this.zoho = zoho;
        this.mapping = mapping;
        this.engine = new SyncEngine(connection.name(), store, java.util.List.of(poweroffice, zoho), mapping, options, clock);
    }

    /** Opens the config's store and the connection's connectors. Mapping mistakes surface here, before any I/O. */
    public static EngineSession open(TolkConfig config, ConnectionConfig connection, Clock clock, boolean confirmDeletes) {
        Mapping mapping = Mappings.mapping(connection);
        return open(openStore(config, clock, false), true, connection, mapping, clock, confirmDeletes);
    }

    /**
     * For commands that only read (plan, status, lists): like {@link #open}, but a store that has not been created yet
     * is not created; an empty in-memory store stands in for it ({@link #nothingSyncedYet()}), so such a command
     * leaves nothing behind. A setting that points nowhere usable still fails, as for every command.
     */
    public static EngineSession openReadOnly(TolkConfig config, ConnectionConfig connection, Clock clock) {
        Mapping mapping = Mappings.mapping(connection);
        return open(openStore(config, clock, true), true, connection, mapping, clock, false);
    }

    /** The config's store; with {@code readOnly}, a store not created yet gives an empty in-memory store instead. */
    public static Store store(TolkConfig config, Clock clock, boolean readOnly) {
        return openStore(config, clock, readOnly).store();
    }

    /**
     * A store opened for a command.
     *
     * @param store            the store
     * @param nothingSyncedYet whether it stands in, empty, for a store that has not been created yet
     * @param notices          what opening put right that the user should hear of once (files narrowed to owner-only)
     */
    public record OpenedStore(Store store, boolean nothingSyncedYet, List<String> notices) {
        public OpenedStore {
            notices = List.copyOf(notices);
        }
    }

    /**
     * The config's store, by the one rule every command follows: a missing folder or a file that is not a database is
     * a mistake in the setting; a store not created yet is created by read-write commands and stood in for by an
     * empty one for read-only commands; a server that cannot be reached or refuses the login fails naming the store.
     */
    public static OpenedStore openStore(TolkConfig config, Clock clock, boolean readOnly) {
        StoreUrl url = config.storeUrl();
        if (!readOnly) {
            JdbcStore store = JdbcStore.open(url, clock);
            return new OpenedStore(store, false, store.notices());
        }
        return JdbcStore.openExisting(url, clock).map(s -> new OpenedStore(s, false, s.notices()))
                .orElseGet(() -> new OpenedStore(new InMemoryStore(clock), true, List.of()));
    }

    /** The sentence read-only commands print when {@link #nothingSyncedYet()}. */
    public static String nothingSyncedYetNotice(TolkConfig config) {
        return "nothing synced yet: the store " + config.storeUrl().display() + " has not been created (the first"
                + " 'tolk sync' creates it)";
    }

    /** What opening the store put right that the user should hear of (see {@link OpenedStore#notices()}). */
    public List<String> storeNotices() {
        return storeNotices;
    }

    /** Whether this session's store is only an empty stand-in for one that has not been created yet. */
    public boolean nothingSyncedYet() {
        return nothingSyncedYet;
    }

    /** With a store the caller keeps open (one store, several connections). */
    public static EngineSession open(Store store, ConnectionConfig connection, Clock clock) {
        return open(store, connection, clock, false);
    }

    /** With a store the caller keeps open, optionally allowing deletions beyond the per-cycle limit. */
    public static EngineSession open(Store store, ConnectionConfig connection, Clock clock, boolean confirmDeletes) {
        return open(new OpenedStore(store, false, List.of()), false, connection, Mappings.mapping(connection), clock,
                confirmDeletes);
    }

    private static EngineSession open(OpenedStore opened, boolean ownsStore, ConnectionConfig connection, Mapping mapping,
                                      Clock clock, boolean confirmDeletes) {
        Connector po = null;
        try {
            po = Connectors.poweroffice(connection.poweroffice(), clock);
            Connector zoho = Connectors.zoho(connection.zoho(), clock);
            List<ConfiguredFields.Named> zohoFields = ConfiguredFields.zohoFields(connection, mapping);
            if (!zohoFields.isEmpty()) {
                Connector metadata = zoho;
                FieldsCheckedFirst.Once check = new FieldsCheckedFirst.Once(
                        () -> ConfiguredFields.checkZoho(zohoFields, metadata::fieldRules));
                po = new FieldsCheckedFirst(po, check);
                zoho = new FieldsCheckedFirst(zoho, check);
            }
            return new EngineSession(connection, opened, ownsStore, po, zoho, mapping,
                    options(connection.sync()).withConfirmDeletes(confirmDeletes), clock);
        } catch (RuntimeException e) {
            if (po != null) {
                po.close();
            }
            if (ownsStore) {
                opened.store().close();
            }
            throw e;
        }
    }

    /** The engine's options from the {@code sync:} section. */
    public static SyncOptions options(SyncConfig sync) {
        return SyncOptions.defaults()
                .withTieWinner(sync.tieWinner())
                .withDeletes(sync.deletes(), sync.maxDeletesPerCycle())
                .withCountryFormat(BuiltInMapping.ZOHO, sync.countryFormat());
    }

    public SyncEngine engine() {
        return engine;
    }

    public ConnectionConfig connection() {
        return connection;
    }

    public Mapping mapping() {
        return mapping;
    }

    public Connector poweroffice() {
        return poweroffice;
    }

    public Connector zoho() {
        return zoho;
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        poweroffice.close();
        zoho.close();
        if (ownsStore) {
            store.close();
        }
    }
}
