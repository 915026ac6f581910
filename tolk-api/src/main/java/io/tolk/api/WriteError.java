package io.tolk.api;

/**
 * Why one record could not be written, in terms a person can act on.
 *
 * @param kind      how to treat it
 * @param system    the system that answered ({@code "poweroffice"}, {@code "zoho"})
 * @param operation what was attempted
 * @param record    the record: its id, or the create's idempotency key
 * @param field     the field the system named, or {@code null}
 * @param code      the system's own error code (e.g. {@code MANDATORY_NOT_FOUND}, {@code 400}), or {@code null}
 * @param message   the system's message, plus the connector's explanation where useful
 */
public record WriteError(ErrorKind kind, String system, WriteOperation operation, String record, String field,
                         String code, String message) {

    /** One line: {@code zoho CREATE abc-1 field Last_Name: MANDATORY_NOT_FOUND required field not found}. */
    public String describe() {
        StringBuilder b = new StringBuilder().append(system).append(' ').append(operation).append(' ').append(record);
        if (field != null) {
            b.append(" field ").append(field);
        }
        b.append(": ");
        if (code != null) {
            b.append(code).append(' ');
        }
        return b.append(message).toString();
    }
}
