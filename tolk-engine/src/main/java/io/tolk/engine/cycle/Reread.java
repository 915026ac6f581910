package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ConnectionStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen records again from their systems, by id, and stages what comes back as unprocessed snapshots, so the
 * next cycle examines the records as they are now ({@code tolk resync}). Unlike a cycle's read this does not depend on
 * a checkpoint: a Zoho change the incremental read missed is picked up too.
 */
public final class Reread {

    /**
     * What a re-read found.
     *
     * @param staged  records read again and staged
     * @param missing records the system no longer returns; their stored snapshots are only marked unprocessed, and the
     *                next cycle's deletion check decides whether they are gone
     */
    public record Result(List<RecordRef> staged, List<RecordRef> missing) {
        public Result {
            staged = List.copyOf(staged);
            missing = List.copyOf(missing);
        }
    }

    private Reread() {
    }

    /**
     * Re-reads {@code refs} (grouped into one call per system and type) and stages them.
     *
     * @throws io.tolk.api.ConnectorException when a system cannot be read; nothing is staged then
     */
    public static Result reread(ConnectionStore store, Map<String, Connector> connectors, Mapping mapping,
                                Collection<RecordRef> refs) {
        Map<RecordRef, Set<String>> byType = new LinkedHashMap<>();
        for (RecordRef r : refs) {
            byType.computeIfAbsent(new RecordRef(r.system(), r.type(), "*"), x -> new LinkedHashSet<>()).add(r.id());
        }
        List<SourceRecord> found = new ArrayList<>();
        for (Map.Entry<RecordRef, Set<String>> e : byType.entrySet()) {
            RecordRef t = e.getKey();
            found.addAll(connectors.get(t.system()).reader(t.type())
                    .readByIds(e.getValue(), CycleState.fieldsToRead(mapping, t.system(), t.type())));
        }
        Set<RecordRef> seen = new LinkedHashSet<>();
        found.forEach(r -> seen.add(r.ref()));
        List<RecordRef> missing = refs.stream().filter(r -> !seen.contains(r)).distinct().toList();
        store.inTransaction(tx -> {
            found.forEach(r -> tx.putSnapshot(CycleState.snapshotOf(r, false)));
            for (RecordRef r : missing) {
                tx.snapshot(r).ifPresent(s -> tx.putSnapshot(s.withProcessed(false)));
            }
        });
        return new Result(List.copyOf(seen), missing);
    }
}
