package io.tolk.engine.store;

import io.tolk.api.Checkpoint;
import io.tolk.api.RecordRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to one connection's state that become durable together ({@link ConnectionStore#apply}): what one chunk of a
 * cycle commits, or what is stored before its writes are sent. Immutable; made with a {@link Builder}.
 *
 * <p>The store applies removals before puts, and puts in this order: snapshots, match keys, entities, links, intents,
 * failures, conflicts, reviews, activity, processed and dirty marks, checkpoints.
 *
 * @param snapshots        snapshots to store (insert or replace)
 * @param snapshotsRemoved snapshots to remove, with their match keys
 * @param matchKeys        per record, the match keys that replace its old ones
 * @param entities         entities to store
 * @param entitiesRemoved  entity ids to remove
 * @param links            links to store
 * @param linksRemoved     links to remove
 * @param intents          write intents to store or update
 * @param failures         failures to store (replacing the one of the same record and target)
 * @param failuresRemoved  failures to remove, by record and target
 * @param conflicts        conflicts to add
 * @param reviews          review items to store (replacing the one of the same record)
 * @param reviewsRemoved   review items to remove, by record
 * @param activity         history lines to append, in order
 * @param processed        records to mark processed, each only if its snapshot still has the given hash
 * @param dirty            records to mark dirty (to be worked on again)
 * @param checkpoints      checkpoints to store
 */
public record ChangeSet(List<Snapshot> snapshots, List<RecordRef> snapshotsRemoved, List<MatchKeys> matchKeys,
                        List<Entity> entities, List<String> entitiesRemoved, List<Link> links, List<RecordRef> linksRemoved,
                        List<WriteIntent> intents, List<Failure> failures, List<FailureKey> failuresRemoved,
                        List<Conflict> conflicts, List<ReviewItem> reviews, List<RecordRef> reviewsRemoved,
                        List<Activity> activity, Map<RecordRef, String> processed, Set<RecordRef> dirty,
                        Map<StreamKey, Checkpoint> checkpoints) {

    /** The match keys of one record (rule 3), under its canonical type. */
    public record MatchKeys(RecordRef ref, String canonicalType, Set<String> keys) {
        public MatchKeys {
            keys = Set.copyOf(keys);
        }
    }

    /** Which failure: the record and the system its values were to reach. */
    public record FailureKey(RecordRef record, String target) {
    }

    public ChangeSet {
        snapshots = List.copyOf(snapshots);
        snapshotsRemoved = List.copyOf(snapshotsRemoved);
        matchKeys = List.copyOf(matchKeys);
        entities = List.copyOf(entities);
        entitiesRemoved = List.copyOf(entitiesRemoved);
        links = List.copyOf(links);
        linksRemoved = List.copyOf(linksRemoved);
        intents = List.copyOf(intents);
        failures = List.copyOf(failures);
        failuresRemoved = List.copyOf(failuresRemoved);
        conflicts = List.copyOf(conflicts);
        reviews = List.copyOf(reviews);
        reviewsRemoved = List.copyOf(reviewsRemoved);
        activity = List.copyOf(activity);
        processed = Map.copyOf(processed);
        dirty = Set.copyOf(dirty);
        checkpoints = Map.copyOf(checkpoints);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether there is nothing to apply. */
    public boolean isEmpty() {
        return snapshots.isEmpty() && snapshotsRemoved.isEmpty() && matchKeys.isEmpty() && entities.isEmpty()
                && entitiesRemoved.isEmpty() && links.isEmpty() && linksRemoved.isEmpty() && intents.isEmpty()
                && failures.isEmpty() && failuresRemoved.isEmpty() && conflicts.isEmpty() && reviews.isEmpty()
                && reviewsRemoved.isEmpty() && activity.isEmpty() && processed.isEmpty() && dirty.isEmpty()
                && checkpoints.isEmpty();
    }

    /** Collects changes; later puts of the same key replace earlier ones where the store keys them. Not thread-safe. */
    public static final class Builder {
        private final Map<RecordRef, Snapshot> snapshots = new LinkedHashMap<>();
        private final Set<RecordRef> snapshotsRemoved = new LinkedHashSet<>();
        private final Map<RecordRef, MatchKeys> matchKeys = new LinkedHashMap<>();
        private final Map<String, Entity> entities = new LinkedHashMap<>();
        private final Set<String> entitiesRemoved = new LinkedHashSet<>();
        private final Map<RecordRef, Link> links = new LinkedHashMap<>();
        private final Set<RecordRef> linksRemoved = new LinkedHashSet<>();
        private final Map<String, WriteIntent> intents = new LinkedHashMap<>();
        private final Map<FailureKey, Failure> failures = new LinkedHashMap<>();
        private final Set<FailureKey> failuresRemoved = new LinkedHashSet<>();
        private final List<Conflict> conflicts = new ArrayList<>();
        private final Map<RecordRef, ReviewItem> reviews = new LinkedHashMap<>();
        private final Set<RecordRef> reviewsRemoved = new LinkedHashSet<>();
        private final List<Activity> activity = new ArrayList<>();
        private final Map<RecordRef, String> processed = new LinkedHashMap<>();
        private final Set<RecordRef> dirty = new LinkedHashSet<>();
        private final Map<StreamKey, Checkpoint> checkpoints = new LinkedHashMap<>();

        public Builder snapshot(Snapshot s) {
            snapshots.put(s.ref(), s);
            snapshotsRemoved.remove(s.ref());
            return this;
        }

        public Builder removeSnapshot(RecordRef ref) {
            snapshots.remove(ref);
            matchKeys.remove(ref);
            snapshotsRemoved.add(ref);
            return this;
        }

        public Builder matchKeys(RecordRef ref, String canonicalType, Set<String> keys) {
            matchKeys.put(ref, new MatchKeys(ref, canonicalType, keys));
            return this;
        }

        public Builder entity(Entity e) {
            entities.put(e.id(), e);
            entitiesRemoved.remove(e.id());
            return this;
        }

        public Builder removeEntity(String id) {
            entities.remove(id);
            entitiesRemoved.add(id);
            return this;
        }

        public Builder link(Link l) {
            links.put(l.ref(), l);
            linksRemoved.remove(l.ref());
            return this;
        }

        public Builder removeLink(RecordRef ref) {
            links.remove(ref);
            linksRemoved.add(ref);
            return this;
        }

        public Builder intent(WriteIntent i) {
            intents.put(i.key(), i);
            return this;
        }

        public Builder failure(Failure f) {
            FailureKey key = new FailureKey(f.record(), f.target());
            failures.put(key, f);
            failuresRemoved.remove(key);
            return this;
        }

        public Builder removeFailure(RecordRef record, String target) {
            FailureKey key = new FailureKey(record, target);
            failures.remove(key);
            failuresRemoved.add(key);
            return this;
        }

        public Builder conflict(Conflict c) {
            conflicts.add(c);
            return this;
        }

        public Builder review(ReviewItem r) {
            reviews.put(r.record(), r);
            reviewsRemoved.remove(r.record());
            return this;
        }

        public Builder removeReview(RecordRef record) {
            reviews.remove(record);
            reviewsRemoved.add(record);
            return this;
        }

        public Builder activity(Activity a) {
            activity.add(a);
            return this;
        }

        public Builder processed(RecordRef ref, String hash) {
            processed.put(ref, hash);
            dirty.remove(ref);
            return this;
        }

        public Builder dirty(RecordRef ref) {
            dirty.add(ref);
            processed.remove(ref);
            return this;
        }

        public Builder checkpoint(StreamKey key, Checkpoint cp) {
            checkpoints.put(key, cp);
            return this;
        }

        public ChangeSet build() {
            return new ChangeSet(List.copyOf(snapshots.values()), List.copyOf(snapshotsRemoved),
                    List.copyOf(matchKeys.values()), List.copyOf(entities.values()), List.copyOf(entitiesRemoved),
                    List.copyOf(links.values()), List.copyOf(linksRemoved), List.copyOf(intents.values()),
                    List.copyOf(failures.values()), List.copyOf(failuresRemoved), conflicts, List.copyOf(reviews.values()),
                    List.copyOf(reviewsRemoved), activity, processed, dirty, checkpoints);
        }
    }
}
