package io.tolk.engine.identity;

import io.tolk.api.RecordRef;

import java.util.Set;

/**
 * An unpaired record offered to matching.
 *
 * @param ref    the record
 * @param flowId the flow it would sync in ({@code null} for a Zoho record several flows share, e.g. an Account)
 * @param keys   its match keys (normalised names or e-mails); empty = it never matches
 */
public record MatchCandidate(RecordRef ref, String flowId, Set<String> keys) {
    public MatchCandidate {
        keys = Set.copyOf(keys);
    }
}
