package io.tolk.engine.values;

/**
 * A value a system would refuse, found before sending it.
 *
 * @param system     the system that would refuse it
 * @param recordType the record type
 * @param field      the field path
 * @param message    a sentence a person understands, naming system, type, field and limit
 */
public record Violation(String system, String recordType, String field, String message) {
}
