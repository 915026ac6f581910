package io.tolk.app.housekeeping;

import io.tolk.app.config.HousekeepingConfig;
import io.tolk.engine.store.Pruned;
import io.tolk.engine.store.Retention;
import io.tolk.engine.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes the store's history by the {@code housekeeping:} settings, one connection after the other (the rules are
 * {@link Retention}'s: nothing a retry, a review item, an open conflict or a pending create still needs goes). Safe
 * while cycles run, in this process or another: it takes no cycle lock, and removes in short transactions.
 */
public final class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    /** How often the service prunes (the README promises once a day). */
    public static final java.time.Duration EVERY = java.time.Duration.ofDays(1);

    /** Whether rows are removed or only counted. */
    public enum Mode {
        PRUNE,
        /** Count what would go; remove nothing. */
        DRY_RUN
    }

    /**
     * What one housekeeping run did.
     *
     * @param at          when it ran (the cut-offs are counted back from here)
     * @param mode        removed or only counted
     * @param retention   the cut-offs it used
     * @param connections per connection (in the order asked), what was (or would be) removed
     */
    public record Report(Instant at, Mode mode, Retention retention, Map<String, Pruned> connections) {
        public Report {
            connections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        }

        public Pruned total() {
            return connections.values().stream().reduce(Pruned.NOTHING, Pruned::plus);
        }
    }

    private Housekeeping() {
    }

    /** Prunes every connection the store holds: what the service calls. */
    public static Report run(Store store, HousekeepingConfig config, Clock clock) {
        return run(store, store.connections(), config, clock, Mode.PRUNE);
    }

    /**
     * Prunes (or counts, with {@link Mode#DRY_RUN}) the given connections; a name the store holds nothing for is left
     * out of the report.
     */
    public static Report run(Store store, List<String> connections, HousekeepingConfig config, Clock clock, Mode mode) {
        Instant now = clock.instant();
        Retention retention = config.retention(now);
        List<String> held = store.connections();
        Map<String, Pruned> out = new LinkedHashMap<>();
        for (String name : connections) {
            if (!held.contains(name)) {
                continue;
            }
            Pruned p = mode == Mode.PRUNE ? store.connection(name).prune(retention)
                    : store.connection(name).prunable(retention);
            out.put(name, p);
            if (mode == Mode.PRUNE && p.total() > 0) {
                LOG.info("housekeeping pruned '{}': {} runs, {} history lines, {} restored conflicts, {} finished create"
                        + " intents", name, p.runs(), p.activity(), p.conflicts(), p.intents());
            }
        }
        return new Report(now, mode, retention, out);
    }
}
