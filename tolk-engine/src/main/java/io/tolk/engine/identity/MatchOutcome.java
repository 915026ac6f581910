package io.tolk.engine.identity;

import io.tolk.api.RecordRef;

import java.util.List;

/**
 * What matching decided for one pool of unpaired records.
 *
 * @param pairs         exactly one candidate each way: link them
 * @param reviews       more than one candidate either way: neither link nor create; wait for a person
 * @param unmatchedPo   PowerOffice records with no candidate: may be created in Zoho
 * @param unmatchedZoho Zoho records with no candidate: may be created in PowerOffice
 */
public record MatchOutcome(List<Pair> pairs, List<Review> reviews, List<MatchCandidate> unmatchedPo,
                           List<MatchCandidate> unmatchedZoho) {

    /** A PowerOffice record and a Zoho record that match only each other. */
    public record Pair(MatchCandidate po, MatchCandidate zoho) {
    }

    /** A record with more than one possible partner. */
    public record Review(MatchCandidate record, List<RecordRef> candidates, String reason) {
    }
}
