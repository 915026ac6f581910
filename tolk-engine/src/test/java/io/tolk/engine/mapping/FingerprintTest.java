package io.tolk.engine.mapping;

import io.tolk.engine.testing.TestOverrides;
import io.tolk.engine.testing.StandardMapping;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    private static String fingerprint(FlowOverride... flows) {
        return StandardMapping.build(new MappingOverrides(List.of(flows))).fingerprint();
    }

    private static FlowOverride flow(String filter, Boolean create, List<PropertyOverride> p, List<AddedPair> a) {
        return TestOverrides.flow("F1", 1, filter, 2, create, 3, p, a);
    }

    @Test
    void sameInputGivesTheSameFingerprint() {
        FlowOverride o = flow("IsArchived == false", true, List.of(new PropertyOverride("Website", "toZoho", 4)), null);
        assertThat(fingerprint(o)).isEqualTo(fingerprint(o)).matches("[0-9a-f]{64}");
        assertThat(StandardMapping.defaults().fingerprint()).isEqualTo(StandardMapping.defaults().fingerprint());
    }

    /**
     * The defaults' fingerprint is a pure function of the mapping's text (no identity hash codes), so it is the same in
     * every run. Pinned: if this test fails, the built-in mapping changed and every installation will backfill.
     */
    @Test
    void defaultFingerprintIsPinnedAcrossRuns() {
        assertThat(StandardMapping.defaults().fingerprint()).isEqualTo(PINNED);
        assertThat(StandardMapping.defaults().describe()).doesNotContain("@");
    }

    static final String PINNED = "c7d3f8fd971daee46de0275f8c1afb7d5d0beb7a0e61ea416ed649abc6984dbb";

    @Test
    void spacingOnlyFilterDifferencesDoNotChangeIt() {
        assertThat(fingerprint(flow("IsArchived==false", null, null, null)))
                .isEqualTo(fingerprint(flow("  IsArchived  ==  false ", null, null, null)));
    }

    @Test
    void lineNumbersDoNotChangeIt() {
        assertThat(fingerprint(TestOverrides.flow("F1", 1, "IsArchived == false", 2, null, 0, null, null)))
                .isEqualTo(fingerprint(TestOverrides.flow("F1", 7, "IsArchived == false", 9, null, 0, null, null)));
    }

    @Test
    void everythingThatAffectsSyncChangesIt() {
        String base = StandardMapping.defaults().fingerprint();
        List<String> changed = List.of(
                fingerprint(flow("IsArchived == false", null, null, null)),
                fingerprint(flow(null, true, null, null)),
                fingerprint(flow(null, null, List.of(new PropertyOverride("Shipping_City", "createOnly", 4)), null)),
                fingerprint(flow(null, null, List.of(new PropertyOverride("Shipping_City", "toZoho", 4)), null)),
                fingerprint(flow(null, null, null, List.of(TestOverrides.added("organization.orgNumber", "OrganizationNumber", "Org_Number", null, 5)))),
                fingerprint(flow(null, null, null, List.of(TestOverrides.added("organization.orgNumber", "OrganizationNumber", "Org_Number", "toZoho", 5)))));
        assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void explicitDefaultsDoNotChangeIt() {
        assertThat(fingerprint(flow("", false, List.of(new PropertyOverride("Website", "both", 4)), null)))
                .isEqualTo(StandardMapping.defaults().fingerprint());
    }
}
