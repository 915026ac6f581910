package io.tolk.engine.merge;

import io.tolk.api.RecordRef;

/**
 * A value that cannot be carried to the other system (rule 6): the record fails and nothing of it is sent.
 *
 * @param record   the record holding the value
 * @param field    its field
 * @param property the canonical property
 * @param message  why, in words a person understands
 */
public record ValueProblem(RecordRef record, String field, String property, String message) {
    public String describe() {
        return record + " field " + field + ": " + message;
    }
}
