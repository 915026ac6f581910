package io.tolk.api;

import java.util.List;
import java.util.Objects;

/**
 * What a deleted-records feed returned since a checkpoint.
 *
 * @param deletions the deletions, oldest first as far as the system orders them
 * @param next      where the feed resumes next time, valid once these deletions are acted on; opaque to the engine
 */
public record DeletedPage(List<Deletion> deletions, Checkpoint next) {
    public DeletedPage {
        deletions = List.copyOf(deletions);
        Objects.requireNonNull(next, "next");
    }
}
