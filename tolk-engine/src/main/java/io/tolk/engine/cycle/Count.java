package io.tolk.engine.cycle;

import java.util.EnumMap;
import java.util.Map;

/** What a cycle counts per flow ({@link FlowCounts}); {@link #key()} names it in the run record ({@code F1.created}). */
enum Count {
    READ, CREATED, UPDATED, LINKED, FAILED, CONFLICTS, REVIEW, DELETED;

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One flow's counts while a cycle runs. Not thread-safe. */
    static final class Tally {
        private final Map<Count, Long> values = new EnumMap<>(Count.class);

        void add(Count which, long n) {
            values.merge(which, n, Long::sum);
        }

        void set(Count which, long n) {
            values.put(which, n);
        }

        long get(Count which) {
            return values.getOrDefault(which, 0L);
        }

        FlowCounts toFlowCounts() {
            return new FlowCounts(get(READ), get(CREATED), get(UPDATED), get(LINKED), get(FAILED), get(CONFLICTS),
                    get(REVIEW), get(DELETED));
        }
    }
}
