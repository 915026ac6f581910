package io.tolk.engine.identity;

import io.tolk.api.RecordRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MatcherTest {

    private static MatchCandidate po(String id, String... keys) {
        return new MatchCandidate(new RecordRef("poweroffice", "CompanyCustomer", id), "F1", Set.of(keys));
    }

    private static MatchCandidate z(String id, String... keys) {
        return new MatchCandidate(new RecordRef("zoho", "Accounts", id), null, Set.of(keys));
    }

    @Test
    void exactlyOneCandidateEachWayIsAPair() {
        MatchOutcome o = Matcher.match(List.of(po("1", "a"), po("2", "b")), List.of(z("9", "a")));

        assertThat(o.pairs()).singleElement().satisfies(p -> assertThat(p.po().ref().id()).isEqualTo("1"));
        assertThat(o.unmatchedPo()).extracting(c -> c.ref().id()).containsExactly("2");
        assertThat(o.reviews()).isEmpty();
    }

    @Test
    void twoZohoCandidatesSendTheRecordAndBothCandidatesToReview() {
        MatchOutcome o = Matcher.match(List.of(po("1", "a")), List.of(z("9", "a"), z("8", "a")));

        assertThat(o.pairs()).isEmpty();
        assertThat(o.reviews()).extracting(r -> r.record().ref().toString())
                .containsExactly("poweroffice/CompanyCustomer/1", "zoho/Accounts/9", "zoho/Accounts/8");
        assertThat(o.unmatchedPo()).isEmpty();
        assertThat(o.unmatchedZoho()).isEmpty();
    }

    @Test
    void twoPowerOfficeCandidatesForOneZohoRecordIsAReviewToo() {
        MatchOutcome o = Matcher.match(List.of(po("1", "a"), po("2", "a")), List.of(z("9", "a")));

        assertThat(o.pairs()).isEmpty();
        assertThat(o.reviews()).hasSize(3);
        assertThat(o.reviews().get(2).candidates()).extracting(RecordRef::id).containsExactly("1", "2");
    }

    @Test
    void aRecordWithTwoKeysMatchingOneRecordIsStillOneCandidate() {
        MatchOutcome o = Matcher.match(List.of(po("1", "a")), List.of(z("9", "a", "b")));

        assertThat(o.pairs()).hasSize(1);
    }

    @Test
    void recordsWithoutKeysNeverMatch() {
        MatchOutcome o = Matcher.match(List.of(po("1")), List.of(z("9")));

        assertThat(o.pairs()).isEmpty();
        assertThat(o.unmatchedPo()).hasSize(1);
        assertThat(o.unmatchedZoho()).hasSize(1);
    }
}
