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
 */
public record ChangeNotice(String type, List<String> ids, WriteOperation operation, Instant serverTime) {
}
