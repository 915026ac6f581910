package io.tolk.engine.merge;

import io.tolk.engine.store.FieldMaps;

import java.util.List;
import java.util.Map;

/**
 * The merged state of one entity.
 *
 * @param desired   canonical property to the value every member should hold ({@code null} = empty). A property
 *                  absent here is not synced (e.g. {@code createOnly} everywhere).
 * @param conflicts the conflicts decided
 * @param problems  values that cannot be carried: when not empty, nothing of the entity is written
 */
public record MergeResult(Map<String, String> desired, List<ConflictDecision> conflicts, List<ValueProblem> problems) {
    public MergeResult {
        desired = FieldMaps.copy(desired);
        conflicts = List.copyOf(conflicts);
        problems = List.copyOf(problems);
    }
}
