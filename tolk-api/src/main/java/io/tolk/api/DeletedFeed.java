package io.tolk.api;

/**
 * Optional capability: the system lists deleted records (Zoho's {@code /deleted}). The engine asks every connector
 * that has one in the same way, once per bound type and cycle, and keeps the returned checkpoint for the next call.
 */
public interface DeletedFeed {

    /**
     * Deletions of {@code type} since {@code since} (every deletion the system still lists for {@link Checkpoint#NONE}).
     * Deletions may be returned again; none made after {@code since} is left out.
     */
    DeletedPage deletedSince(String type, Checkpoint since);
}
