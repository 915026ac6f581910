package io.tolk.api;

/**
 * A value a system would refuse, found by its connector before sending ({@link RecordWriter#precheck}).
 *
 * @param field   the field path
 * @param message a sentence a person understands, naming the system, type, field and rule
 */
public record FieldIssue(String field, String message) {
}
