package io.tolk.engine.plan;

import io.tolk.api.FieldMarker;
import io.tolk.api.RecordRef;
import io.tolk.engine.store.WriteIntent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing a cycle decided to do about an entity, with its reason: the planner's output, the executor's input and
 * what {@code tolk plan} prints. Immutable.
 */
public sealed interface Decision {

    /** The flow it belongs to. */
    String flowId();

    /** Why, in a few words a person understands ({@code null} where the decision says it all). */
    String reason();

    /**
     * Two records found to be the same thing (rule 3) and joined in one entity. {@code afterReview}: one of them
     * waited in the review queue, and a decision since (a manual link of its rival, an edit) left it one match, so
     * tolk linked it without being asked.
     */
    record Link(String flowId, RecordRef record, RecordRef partner, String reason, boolean afterReview)
            implements Decision {
        public Link(String flowId, RecordRef record, RecordRef partner, String reason) {
            this(flowId, record, partner, reason, false);
        }
    }

    /**
     * A record to create in {@code system}, from {@code source}'s values; its intent is stored before the call.
     * {@code settlesReview}: a person chose in the review queue to have {@code source}'s partner created, and its
     * review item is removed once the create succeeds.
     */
    record Create(String flowId, String system, String type, Map<String, String> fields, RecordRef source,
                  WriteIntent intent, String reason, boolean settlesReview) implements Decision {
        public Create {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            Objects.requireNonNull(intent, "intent");
        }
    }

    /**
     * Fields of an existing record to change: only the changed ones ({@code sent}: field to the value sent, in
     * {@code changes} order).
     */
    record Update(String flowId, RecordRef target, List<FieldChange> changes, RecordRef source, String reason)
            implements Decision {
        public Update {
            changes = List.copyOf(changes);
        }

        /** Field path to the value to send ({@code null} clears it), in order. */
        public Map<String, String> sent() {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            changes.forEach(c -> out.put(c.field(), c.to()));
            return out;
        }
    }

    /**
     * A propagated deletion: {@code target} is deleted, or retired by writing {@code retire} where its system retires
     * records instead ({@code changes} are then the fields it sets).
     */
    record Delete(String flowId, RecordRef target, FieldMarker retire, List<FieldChange> changes, RecordRef source,
                  String reason) implements Decision {
        public Delete {
            changes = List.copyOf(changes);
        }
    }

    /** A record that waits for a person: more than one candidate, or unlinked by a person. */
    record Review(String flowId, RecordRef record, List<RecordRef> candidates, String reason) implements Decision {
        public Review {
            candidates = List.copyOf(candidates);
        }
    }

    /** A record whose values cannot be delivered to {@code target} now (rule 6), found before anything is sent. */
    record Fail(String flowId, RecordRef record, String target, String reason) implements Decision {
    }

    /** Nothing to do about {@code record}, and why. */
    record Skip(String flowId, RecordRef record, String reason) implements Decision {
    }
}
