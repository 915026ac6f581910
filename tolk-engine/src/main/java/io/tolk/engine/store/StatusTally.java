package io.tolk.engine.store;

import java.util.List;
import java.util.Map;

/**
 * What {@code tolk status} counts, as a store computes it in a few aggregate queries ({@link ConnectionStore#statusTally()}).
 *
 * @param linked        flow id → the flow's linked entities
 * @param failures      failures, counted per flow of the failing record's entity and per record type
 * @param openConflicts flow id → conflicts decided and not restored
 * @param reviews       flow id → records waiting in the review queue
 */
public record StatusTally(Map<String, Linked> linked, List<Failures> failures, Map<String, Long> openConflicts,
                          Map<String, Long> reviews) {
    public StatusTally {
        linked = Map.copyOf(linked);
        failures = List.copyOf(failures);
        openConflicts = Map.copyOf(openConflicts);
        reviews = Map.copyOf(reviews);
    }

    /**
     * One flow's linked entities.
     *
     * @param linked      entities with exactly two links, neither {@link LinkState#DELETED_IN_SOURCE}
     * @param inSync      of those: no link {@link LinkState#FILTERED_OUT}, both records' snapshots processed, and no
     *                    failure of either record
     * @param filteredOut of those: a link {@link LinkState#FILTERED_OUT}
     */
    public record Linked(long linked, long inSync, long filteredOut) {
    }

    /**
     * Failures of one record type.
     *
     * @param flowId the flow of the failing record's entity, or {@code null} when the record is not linked
     * @param system the failing records' system
     * @param type   their record type
     * @param count  how many failures
     */
    public record Failures(String flowId, String system, String type, long count) {
    }
}
