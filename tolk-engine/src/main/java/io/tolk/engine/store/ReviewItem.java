package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An unlinked record tolk will neither link nor create until a person decides ({@code tolk link}): matching found more
 * than one candidate (rule 3). One per record.
 *
 * @param id         assigned by the store ({@code 0} before it is stored)
 * @param record     the waiting record
 * @param flowId     the flow it would sync in
 * @param candidates the records it could be linked to
 * @param reason     why it waits, e.g. "2 Accounts named 'fjellvind as'"
 * @param at         when it was (last) queued
 */
public record ReviewItem(long id, RecordRef record, String flowId, List<RecordRef> candidates,
                         String reason, Instant at) {
    public ReviewItem {
        Objects.requireNonNull(record, "record");
        candidates = List.copyOf(candidates);
    }

    public ReviewItem withId(long newId) {
        return new ReviewItem(newId, record, flowId, candidates, reason, at);
    }
}
