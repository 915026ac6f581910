package io.tolk.engine.values;

import io.tolk.engine.mapping.ValueKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 3's normal form, case by case: what must meet (canonically equal text, case, no-break and zero-width spaces)
 * and what must stay apart (accents, compatibility look-alikes, the dotless i). Written with escapes, so the test says
 * exactly which code points it is about.
 */
class UnicodeFormsTest {

    private static final String A_RING_PRECOMPOSED = "\u00e5";        // å
    private static final String A_RING_DECOMPOSED = "a\u030a";        // a + combining ring above

    @Test
    void aDecomposedCompanyNameMatchesItsPrecomposedSpelling() {
        assertThat(MatchKeys.organizationName("Bl" + A_RING_DECOMPOSED + "b\u00e6r AS"))
                .isEqualTo(MatchKeys.organizationName("Bl" + A_RING_PRECOMPOSED + "b\u00e6r AS"))
                .isEqualTo("bl\u00e5b\u00e6r as");
    }

    @Test
    void theAngstromSignMatchesTheLetterARing() {
        assertThat(MatchKeys.organizationName("\u212bsgard AS")).isEqualTo(MatchKeys.organizationName("\u00c5sgard AS"));
    }

    @Test
    void accentsAreKeptSoARingNeverMatchesA() {
        assertThat(MatchKeys.organizationName("Bl" + A_RING_PRECOMPOSED + " AS")).isNotEqualTo(MatchKeys.organizationName("Bla AS"));
        assertThat(MatchKeys.organizationName("Bl" + A_RING_DECOMPOSED + " AS")).isNotEqualTo(MatchKeys.organizationName("Bla AS"));
        assertThat(MatchKeys.organizationName("S\u00f8r AS")).isNotEqualTo(MatchKeys.organizationName("Sor AS"));
        assertThat(MatchKeys.organizationName("Caf\u00e9")).isNotEqualTo(MatchKeys.organizationName("Cafe"));
    }

    @Test
    void caseFoldingIsUnicodesFullFoldingNotLowerCasing() {
        assertThat(MatchKeys.organizationName("STRASSE GmbH")).isEqualTo(MatchKeys.organizationName("Stra\u00dfe GmbH"));
        assertThat(MatchKeys.organizationName("STRA\u1e9eE GmbH")).as("capital sharp s")
                .isEqualTo(MatchKeys.organizationName("Stra\u00dfe GmbH"));
        assertThat(MatchKeys.organizationName("\u00c6RF\u00c5 \u00d8ST")).isEqualTo(MatchKeys.organizationName("\u00e6rf\u00e5 \u00f8st"));
        assertThat(MatchKeys.organizationName("\u039f\u0394\u039f\u03a3")).as("final sigma")
                .isEqualTo(MatchKeys.organizationName("\u03bf\u03b4\u03bf\u03c2"));
    }

    @Test
    void theDotlessIStaysApartFromI() {
        assertThat(MatchKeys.organizationName("D\u0131ş Ticaret")).isNotEqualTo(MatchKeys.organizationName("Dis Ticaret"));
        assertThat(MatchKeys.organizationName("D\u0131ş Ticaret")).isNotEqualTo(MatchKeys.organizationName("DIŞ TICARET"));
    }

    @Test
    void compatibilityLookAlikesAreNotFoldedBeyondWhatCaseFoldingItselfDoes() {
        assertThat(MatchKeys.organizationName("\uff21\uff22 AS")).as("full-width letters").isNotEqualTo(MatchKeys.organizationName("AB AS"));
        assertThat(MatchKeys.organizationName("Vann\u00b2 AS")).as("superscript two").isNotEqualTo(MatchKeys.organizationName("Vann2 AS"));
        assertThat(MatchKeys.organizationName("\ufb01sk AS")).as("the fi ligature: Unicode's full case folding maps it to fi")
                .isEqualTo(MatchKeys.organizationName("FISK AS"));
    }

    @Test
    void noBreakSpacesAreSpacesAndZeroWidthCharactersAreGone() {
        String plain = MatchKeys.organizationName("Fjord Fisk AS");
        assertThat(MatchKeys.organizationName("Fjord\u00a0Fisk\u202fAS")).isEqualTo(plain);
        assertThat(MatchKeys.organizationName("Fjord\u2007Fisk AS")).isEqualTo(plain);
        assertThat(MatchKeys.organizationName("Fj\u200bord Fi\u200dsk\u2060 AS\ufeff")).isEqualTo(plain);
        assertThat(MatchKeys.organizationName("\u200b\u00a0\u200c")).as("nothing but invisible characters").isNull();
    }

    @Test
    void emailsMeetInNfcAndCaseFolded() {
        assertThat(MatchKeys.email("P" + A_RING_DECOMPOSED + "l@Fjord.NO")).isEqualTo(MatchKeys.email("p" + A_RING_PRECOMPOSED + "l@fjord.no"));
        assertThat(MatchKeys.email("pal@fjord.no")).isNotEqualTo(MatchKeys.email("p" + A_RING_PRECOMPOSED + "l@fjord.no"));
    }

    @Test
    void canonicallyEqualValuesAreTheSameValueAndTheCanonicalFormIsNfc() {
        assertThat(Values.same(ValueKind.TEXT, "Bl" + A_RING_DECOMPOSED + "b\u00e6r AS", "Bl" + A_RING_PRECOMPOSED + "b\u00e6r AS")).isTrue();
        assertThat(Values.canonical(ValueKind.TEXT, " Bl" + A_RING_DECOMPOSED + " AS ").value()).isEqualTo("Bl\u00e5 AS");
        assertThat(Values.same(ValueKind.EMAIL, "P" + A_RING_DECOMPOSED + "l@fjord.no", "p" + A_RING_PRECOMPOSED + "l@FJORD.no")).isTrue();
    }

    @Test
    void comparisonStillSeesEditsOfCaseAccentAndSpacing() {
        assertThat(Values.same(ValueKind.TEXT, "Fjellvind AS", "FJELLVIND AS")).as("a change of case is an edit").isFalse();
        assertThat(Values.same(ValueKind.TEXT, "Bl" + A_RING_PRECOMPOSED, "Bla")).isFalse();
        assertThat(Values.same(ValueKind.TEXT, "Fjord Fisk", "Fjord  Fisk")).isFalse();
    }
}
