package io.tolk.engine.plan;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.LinkState;
import io.tolk.engine.store.ReviewOrigin;
import io.tolk.engine.store.Snapshot;

import java.util.Objects;
import java.util.Set;

/**
 * A staged record that holds a match key, as matching sees it (rule 3).
 *
 * @param ref           the record
 * @param snapshot      its snapshot
 * @param link          its link, or {@code null} when no entity holds it
 * @param entitySystems the systems its entity has records in (every link, whatever its state); empty when unlinked
 * @param blocked       whether its entity waits for a create of unknown outcome to be settled
 * @param review        why it waits in the review queue, or {@code null} when it does not
 */
public record Candidate(RecordRef ref, Snapshot snapshot, Link link, Set<String> entitySystems, boolean blocked,
                        ReviewOrigin review) {
    public Candidate {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(snapshot, "snapshot");
        entitySystems = Set.copyOf(entitySystems);
    }

    /**
     * Whether it may be joined with a record of {@code system}: no entity holds it, or its entity is active, settled and
     * has no record there. A record a person unlinked, or whose partner a person chose to create, is never matched.
     */
    public boolean pairableWith(Set<String> systems) {
        if (review == ReviewOrigin.USER || review == ReviewOrigin.CREATE) {
            return false;
        }
        if (link == null) {
            return true;
        }
        if (link.state() != LinkState.ACTIVE || blocked) {
            return false;
        }
        for (String s : systems) {
            if (entitySystems.contains(s)) {
                return false;
            }
        }
        return true;
    }

    /** Whether it is joined to nothing else: unlinked, or alone in its entity. */
    public boolean alone() {
        return link == null || entitySystems.size() <= 1;
    }
}
