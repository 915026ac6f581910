package io.tolk.engine.cycle;

import io.tolk.api.Connector;
import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import io.tolk.engine.KillPoint;
import io.tolk.engine.identity.MatchKeyer;
import io.tolk.engine.mapping.CanonicalType;
import io.tolk.engine.mapping.Mapping;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.ConnectionStore;
import io.tolk.engine.store.Snapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads chosen records again from their systems, by id, and stages what comes back dirty, so the next cycle examines
 * the records as they are now ({@code tolk resync}). Unlike a cycle's read this does not depend on checkpoints, so a
 * change an incremental read missed is included.
 */
public final class Reread {

    /**
     * @param staged  records read again and staged dirty
     * @param missing records the systems no longer return; their snapshots are marked dirty as they are, and the
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
    public static Result reread(ConnectionStore store, Systems systems, Mapping mapping, Collection<RecordRef> refs) {
        Map<RecordRef, Set<String>> byType = new LinkedHashMap<>();
        for (RecordRef r : refs) {
            byType.computeIfAbsent(new RecordRef(r.system(), r.type(), "*"), x -> new LinkedHashSet<>()).add(r.id());
        }
        List<SourceRecord> found = new ArrayList<>();
        for (Map.Entry<RecordRef, Set<String>> e : byType.entrySet()) {
            RecordRef t = e.getKey();
            Connector c = systems.get(t.system());
            found.addAll(c.reader(t.type()).readByIds(e.getValue(), FieldsToRead.of(mapping, c, t.type())));
        }
        Set<RecordRef> seen = new LinkedHashSet<>();
        found.forEach(r -> seen.add(r.ref()));
        List<RecordRef> missing = refs.stream().filter(r -> !seen.contains(r)).distinct().toList();
        MatchKeyer keyer = new MatchKeyer(mapping);
        ChangeSet.Builder changes = ChangeSet.builder();
        for (SourceRecord r : found) {
            changes.snapshot(new Snapshot(r.ref(), RecordHash.of(r), r.fields(), r.modifiedAt(), r.fieldModifiedAt(), false));
            CanonicalType ct = keyer.canonicalType(r.ref().system(), r.ref().type());
            if (ct != null) {
                changes.matchKeys(r.ref(), ct.key(), keyer.indexKeys(r.ref().system(), r.ref().type(), r.fields()));
            }
        }
        missing.forEach(changes::dirty);
        store.apply(changes.build());
        KillPoint.REREAD_STAGED.reach();
        return new Result(List.copyOf(seen), missing);
    }
}
