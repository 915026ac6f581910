package io.tolk.api;

import java.time.Instant;

/**
 * A deletion reported by a system's deleted-records feed.
 *
 * @param ref        the deleted record
 * @param deletedAt  when it was deleted
 * @param restorable whether it sits in a recycle bin and may come back with the same id
 */
public record Deletion(RecordRef ref, Instant deletedAt, boolean restorable) {
}
