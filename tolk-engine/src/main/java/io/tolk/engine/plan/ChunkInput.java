package io.tolk.engine.plan;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.ChangeSet;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.ReviewItem;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the planner reads for one chunk of work, loaded from the store in a few bulk reads. Immutable.
 *
 * @param items      the entities and lone records to plan, in the order they are planned
 * @param holders    canonical type + {@code "\u0000"} + match key → the staged records holding it: the work's keys
 *                   and the keys of those records (so a candidate's competitors are known too)
 * @param candidates the records in {@code holders}, by ref
 * @param entities   the entities the linked candidates belong to, with all their records (a record may join one)
 * @param failures   the failures of every record above, by record and target
 * @param reviews    the review items of every record above
 * @param blocked    ids of the items' entities that wait for a create of unknown outcome
 */
public record ChunkInput(List<WorkItem> items, Map<String, List<RecordRef>> holders, Map<RecordRef, Candidate> candidates,
                         Map<String, WorkItem> entities, Map<ChangeSet.FailureKey, Failure> failures, Map<RecordRef, ReviewItem> reviews, Set<String> blocked) {
    public ChunkInput {
        items = List.copyOf(items);
        holders = Map.copyOf(holders);
        candidates = Map.copyOf(candidates);
        entities = Map.copyOf(entities);
        failures = Map.copyOf(failures);
        reviews = Map.copyOf(reviews);
        blocked = Set.copyOf(blocked);
    }

    /** The index key of a match key. */
    public static String holderKey(String canonicalType, String key) {
        return canonicalType + "\u0000" + key;
    }
}
