package io.tolk.engine.values;

/**
 * A value a system would refuse, found before sending it.
 *
 * @param system     {@code "poweroffice"} or {@code "zoho"}
 * @param recordType the record type, e.g. {@code Accounts}
 * @param field      the field path
 * @param message    a sentence a person understands, naming system, type, field and limit
 */
public record Violation(String system, String recordType, String field, String message) {
}
