package io.tolk.engine.identity;

import io.tolk.api.RecordRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule 3, matching before creating: unpaired records of both systems are paired on their match keys when exactly one
 * candidate exists on each side; with more than one on either side the records go to review (neither linked nor
 * created); records without candidates may be created. Empty keys never match. Deterministic: outputs follow the
 * input order.
 */
public final class Matcher {

    private Matcher() {
    }

    public static MatchOutcome match(List<MatchCandidate> po, List<MatchCandidate> zoho) {
        Map<String, List<MatchCandidate>> poByKey = index(po);
        Map<String, List<MatchCandidate>> zByKey = index(zoho);
        List<MatchOutcome.Pair> pairs = new ArrayList<>();
        List<MatchOutcome.Review> reviews = new ArrayList<>();
        List<MatchCandidate> unmatchedPo = new ArrayList<>();
        List<MatchCandidate> unmatchedZoho = new ArrayList<>();
        for (MatchCandidate p : po) {
            List<MatchCandidate> zc = candidates(p, zByKey);
            if (zc.isEmpty()) {
                unmatchedPo.add(p);
            } else if (zc.size() > 1) {
                reviews.add(review(p, zc, "matches " + zc.size() + " Zoho records"));
            } else {
                List<MatchCandidate> pc = candidates(zc.get(0), poByKey);
                if (pc.size() == 1) {
                    pairs.add(new MatchOutcome.Pair(p, zc.get(0)));
                } else {
                    reviews.add(review(p, pc.stream().filter(c -> c != p).collect(Collectors.toCollection(ArrayList::new)),
                            "shares its match with " + (pc.size() - 1) + " other PowerOffice record(s) for " + zc.get(0).ref()));
                }
            }
        }
        for (MatchCandidate z : zoho) {
            List<MatchCandidate> pc = candidates(z, poByKey);
            if (pc.isEmpty()) {
                unmatchedZoho.add(z);
            } else if (pc.size() > 1) {
                reviews.add(review(z, pc, "matches " + pc.size() + " PowerOffice records"));
            } else if (candidates(pc.get(0), zByKey).size() > 1) {
                List<MatchCandidate> zc = candidates(pc.get(0), zByKey);
                reviews.add(review(z, zc.stream().filter(c -> c != z).collect(Collectors.toCollection(ArrayList::new)),
                        "shares its match with " + (zc.size() - 1) + " other Zoho record(s) for " + pc.get(0).ref()));
            }
        }
        return new MatchOutcome(pairs, reviews, unmatchedPo, unmatchedZoho);
    }

    private static MatchOutcome.Review review(MatchCandidate record, List<MatchCandidate> others, String reason) {
        List<RecordRef> refs = others.stream().map(MatchCandidate::ref).toList();
        return new MatchOutcome.Review(record, refs, reason + " on " + String.join(", ", new java.util.TreeSet<>(record.keys()))
                + ": " + refs.stream().map(RecordRef::toString).collect(Collectors.joining(", ")));
    }

    private static Map<String, List<MatchCandidate>> index(List<MatchCandidate> records) {
        Map<String, List<MatchCandidate>> out = new HashMap<>();
        for (MatchCandidate c : records) {
            for (String k : c.keys()) {
                if (k != null) {
                    out.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
                }
            }
        }
        return out;
    }

    private static List<MatchCandidate> candidates(MatchCandidate c, Map<String, List<MatchCandidate>> other) {
        Set<MatchCandidate> out = new LinkedHashSet<>();
        for (String k : c.keys()) {
            if (k != null) {
                out.addAll(other.getOrDefault(k, List.of()));
            }
        }
        return new ArrayList<>(out);
    }
}
