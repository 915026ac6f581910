package io.tolk.engine;

import io.tolk.api.RecordRef;
import io.tolk.engine.store.ReviewItem;

import java.util.List;
import java.util.Objects;

/**
 * One record of the review queue as a person decides it: the waiting record and its candidates with their names,
 * and for each candidate the two records to give {@code tolk link} to choose it. Only records of another system than
 * the waiting one are candidates (two records of one system are never linked).
 *
 * @param item    the stored review item (its candidates narrowed to the other systems' records)
 * @param name    the waiting record's name ({@code ""} when it has none or was not read)
 * @param options one per candidate, in the item's order
 */
public record ReviewEntry(ReviewItem item, String name, List<Option> options) {
    public ReviewEntry {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(name, "name");
        options = List.copyOf(options);
    }

    /**
     * One candidate.
     *
     * @param candidate the record of another system it could be linked to
     * @param name      its name ({@code ""} when it has none or was not read)
     * @param pair      the waiting record and the candidate, in the order of the flow's systems (the order
     *                  {@code tolk link} is written in)
     */
    public record Option(RecordRef candidate, String name, List<RecordRef> pair) {
        public Option {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(name, "name");
            pair = List.copyOf(pair);
            if (pair.size() != 2) {
                throw new IllegalArgumentException("a link joins two records, not " + pair);
            }
        }
    }
}
