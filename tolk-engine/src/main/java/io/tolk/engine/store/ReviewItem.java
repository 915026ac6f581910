package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An unlinked record tolk will neither link nor create until a person decides ({@code tolk link}): matching found more
 * than one candidate (rule 3), or a person unlinked it. One per record.
 *
 * @param id         assigned by the store ({@code 0} before it is stored)
 * @param record     the waiting record
 * @param flowId     the flow it would sync in
 * @param candidates the records of other systems it could be linked to
 * @param reason     why it waits, e.g. "matches 2 crm records on fjellvind as"
 * @param at         when it was (last) queued
 * @param origin     who put it there
 */
public record ReviewItem(long id, RecordRef record, String flowId, List<RecordRef> candidates,
                         String reason, Instant at, ReviewOrigin origin) {
    public ReviewItem {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(origin, "origin");
        candidates = List.copyOf(candidates);
    }

    public ReviewItem withId(long newId) {
        return new ReviewItem(newId, record, flowId, candidates, reason, at, origin);
    }
}
