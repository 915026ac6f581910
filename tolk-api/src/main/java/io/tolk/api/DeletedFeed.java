package io.tolk.api;

import java.time.Instant;
import java.util.List;

/** Optional capability: the system lists deleted records (Zoho's {@code /deleted}). */
public interface DeletedFeed {

    /** Deletions of {@code type} at or after {@code since} (all retained ones when {@code since} is null). */
    List<Deletion> deletedSince(String type, Instant since);
}
