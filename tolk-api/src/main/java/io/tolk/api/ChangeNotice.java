package io.tolk.api;

import java.time.Instant;
import java.util.List;

/**
 * A verified change notification: which records changed, never their values (re-read them).
 *
 * @param type       the record type
 * @param ids        the changed records
 * @param operation  what happened to them
 * @param serverTime when the system sent it
 * @param fields     per id, the record's values the notice carries (as the connector reads them: the same field paths
 *                   and text), where the system sends them (Zoho's {@code affected_values}); empty when it does not
 */
public record ChangeNotice(String type, List<String> ids, WriteOperation operation, Instant serverTime,
                           java.util.Map<String, java.util.Map<String, String>> fields) {
    public ChangeNotice {
        ids = List.copyOf(ids);
        fields = fields == null ? java.util.Map.of() : java.util.Map.copyOf(fields);
    }

    /** A notice without values. */
    public ChangeNotice(String type, List<String> ids, WriteOperation operation, Instant serverTime) {
        this(type, ids, operation, serverTime, java.util.Map.of());
    }
}
