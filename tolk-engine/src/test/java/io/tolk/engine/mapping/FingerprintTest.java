package io.tolk.engine.mapping;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    private static String fingerprint(FlowOverride... flows) {
        return Mapping.build(new MappingOverrides(List.of(flows))).fingerprint();
    }

    private static FlowOverride flow(String filter, Boolean create, List<PropertyOverride> p, List<AddedPair> a) {
        return new FlowOverride("F1", 1, filter, 2, create, 3, p, a);
    }

    @Test
    void sameInputGivesTheSameFingerprint() {
        FlowOverride o = flow("IsArchived == false", true, List.of(new PropertyOverride("Website", "toZoho", 4)), null);
        assertThat(fingerprint(o)).isEqualTo(fingerprint(o)).matches("[0-9a-f]{64}");
        assertThat(Mapping.defaults().fingerprint()).isEqualTo(Mapping.defaults().fingerprint());
    }

    /**
     * The defaults' fingerprint is a pure function of the mapping's text (no identity hash codes), so it is the same in
     * every run. Pinned: if this test fails, the built-in mapping changed and every installation will backfill.
     */
    @Test
    void defaultFingerprintIsPinnedAcrossRuns() {
        assertThat(Mapping.defaults().fingerprint()).isEqualTo(PINNED);
        assertThat(Mapping.defaults().describe()).doesNotContain("@");
    }

    static final String PINNED = "3e830e391f54dd3e125f9a7bf495591df04eba5885797896500abbf432a47a61";

    @Test
    void spacingOnlyFilterDifferencesDoNotChangeIt() {
        assertThat(fingerprint(flow("IsArchived==false", null, null, null)))
                .isEqualTo(fingerprint(flow("  IsArchived  ==  false ", null, null, null)));
    }

    @Test
    void lineNumbersDoNotChangeIt() {
        assertThat(fingerprint(new FlowOverride("F1", 1, "IsArchived == false", 2, null, 0, null, null)))
                .isEqualTo(fingerprint(new FlowOverride("F1", 7, "IsArchived == false", 9, null, 0, null, null)));
    }

    @Test
    void everythingThatAffectsSyncChangesIt() {
        String base = Mapping.defaults().fingerprint();
        List<String> changed = List.of(
                fingerprint(flow("IsArchived == false", null, null, null)),
                fingerprint(flow(null, true, null, null)),
                fingerprint(flow(null, null, List.of(new PropertyOverride("Shipping_City", "createOnly", 4)), null)),
                fingerprint(flow(null, null, List.of(new PropertyOverride("Shipping_City", "toZoho", 4)), null)),
                fingerprint(flow(null, null, null, List.of(new AddedPair("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 5)))),
                fingerprint(flow(null, null, null, List.of(new AddedPair("organization.orgNumber", "OrganizationNumber", "Org_Number", "toZoho", 5)))));
        assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void explicitDefaultsDoNotChangeIt() {
        assertThat(fingerprint(flow("", false, List.of(new PropertyOverride("Website", "both", 4)), null)))
                .isEqualTo(Mapping.defaults().fingerprint());
    }
}
