package io.tolk.engine.store;

import io.tolk.api.RecordRef;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a record's history.
 *
 * @param record the record
 * @param at     when
 * @param kind   what happened
 * @param detail the fields and values involved, or the reason
 */
public record Activity(RecordRef record, Instant at, ActivityKind kind, String detail) {
    public Activity {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }

    /** The stored word for what happened ({@code linked}, {@code filtered out}, ...). */
    public String action() {
        return kind.code();
    }
}
