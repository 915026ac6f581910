package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a record's history.
 *
 * @param record the record
 * @param at     when
 * @param action what happened: {@code linked}, {@code created}, {@code updated}, {@code failed}, {@code deleted},
 *               {@code restored}, {@code review}, {@code conflict}, {@code unlinked}
 * @param detail the fields and values involved, or the reason
 */
public record Activity(RecordRef record, Instant at, String action, String detail) {
    public Activity {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }
}
