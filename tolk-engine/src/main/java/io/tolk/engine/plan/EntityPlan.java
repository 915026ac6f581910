package io.tolk.engine.plan;

import io.tolk.api.RecordRef;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.merge.MergeResult;
import io.tolk.engine.store.Activity;
import io.tolk.engine.store.Entity;
import io.tolk.engine.store.Failure;
import io.tolk.engine.store.Link;
import io.tolk.engine.store.ReviewItem;
import io.tolk.engine.store.Snapshot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The planner's decision about one entity (or one lone record): what to write, and what to store before and after.
 * Immutable; the executor carries it out and nothing else.
 *
 * <p>Before the writes the executor stores {@link #entity()} (when {@link #storeEntity()}), {@link #links()},
 * removes {@link #linksRemoved()} and {@link #entitiesRemoved()}, and stores {@link #reviews()},
 * {@link #failures()} and {@link #notes()}, with the create intents of the {@link Decision.Create}s. After the writes
 * it commits by {@link #completion()}.
 *
 * @param flow            the flow, or {@code null} when no flow takes the record
 * @param entity          the entity as it is to be stored (its baseline still the old one), or {@code null} when the
 *                        record stays alone and nothing of it is stored
 * @param storeEntity     whether {@code entity} is stored before the writes (new, or re-based for a join)
 * @param members         the records that take part, with what was planned for each
 * @param links           links to store before the writes (records joined to the entity, changed states)
 * @param linksRemoved    links to remove before the writes (a record joined to another entity)
 * @param entitiesRemoved entities to remove before the writes (left without records by a join)
 * @param decisions       what was decided, in order
 * @param merge           the merged values and conflicts, or {@code null} when nothing was merged
 * @param failures        failures found before sending (rule 6), to store before the writes
 * @param reviews         review items to store
 * @param reviewsRemoved  review items to remove
 * @param notes           history lines the decisions make (linked, filtered out, review)
 * @param completion      how the records end this cycle
 */
public record EntityPlan(Flow flow, Entity entity, boolean storeEntity, List<Member> members, List<Link> links,
                         List<RecordRef> linksRemoved, List<String> entitiesRemoved, List<Decision> decisions,
                         MergeResult merge, List<Failure> failures, List<ReviewItem> reviews, List<RecordRef> reviewsRemoved,
                         List<Activity> notes, Completion completion) {

    /** How a plan's records end the cycle. */
    public enum Completion {
        /** After the writes: links, baseline and conflicts are committed and the records marked processed. */
        COMMIT,
        /** Nothing to commit but the notes: the records are marked processed. */
        PROCESSED,
        /** The records stay dirty and are worked on again by the next cycle (they wait for something). */
        LEAVE_DIRTY
    }

    /**
     * One record of the entity, as planned.
     *
     * @param ref      the record
     * @param reading  its link as it is to be stored when nothing is written to it (echo adoption applied, state
     *                 changes made)
     * @param snapshot its snapshot
     * @param current  its values as the merge saw them (a lagging replica's stale read set aside)
     * @param update   the update planned for it, or {@code null}
     * @param blocked  whether an update was planned but refused by a check (rule 6): its source failed
     * @param source   where its new values come from (for failures and history)
     */
    public record Member(RecordRef ref, Link reading, Snapshot snapshot, Map<String, String> current,
                         Decision.Update update, boolean blocked, RecordRef source) {
        public Member {
            Objects.requireNonNull(ref, "ref");
            current = current == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(current));
        }
    }

    public EntityPlan {
        members = List.copyOf(members);
        links = List.copyOf(links);
        linksRemoved = List.copyOf(linksRemoved);
        entitiesRemoved = List.copyOf(entitiesRemoved);
        decisions = List.copyOf(decisions);
        failures = List.copyOf(failures);
        reviews = List.copyOf(reviews);
        reviewsRemoved = List.copyOf(reviewsRemoved);
        notes = List.copyOf(notes);
        Objects.requireNonNull(completion, "completion");
    }

    public String flowId() {
        return flow == null ? null : flow.id();
    }

    /** The creates decided. */
    public List<Decision.Create> creates() {
        return decisions.stream().filter(d -> d instanceof Decision.Create).map(d -> (Decision.Create) d).toList();
    }

    /** The deletes decided. */
    public List<Decision.Delete> deletes() {
        return decisions.stream().filter(d -> d instanceof Decision.Delete).map(d -> (Decision.Delete) d).toList();
    }

    /** Whether anything is to be written to a system. */
    public boolean writes() {
        return decisions.stream().anyMatch(d -> d instanceof Decision.Create || d instanceof Decision.Update
                || d instanceof Decision.Delete);
    }
}
