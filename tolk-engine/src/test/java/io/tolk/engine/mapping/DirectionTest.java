package io.tolk.engine.mapping;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectionTest {

    private static final java.util.List<String> SYSTEMS = java.util.List.of("zoho", "poweroffice");

    @Test
    void aDirectionIntoOneSystemCarriesOnlyIntoIt() {
        assertThat(Direction.into("zoho").carries("poweroffice", "zoho")).isTrue();
        assertThat(Direction.into("zoho").carries("zoho", "poweroffice")).isFalse();
        assertThat(Direction.BOTH.carries("zoho", "poweroffice")).isTrue();
        assertThat(Direction.CREATE_ONLY.carries("zoho", "poweroffice")).isFalse();
        assertThat(Direction.into("poweroffice").word()).isEqualTo("toPoweroffice");
    }

    @Test
    void configWordsParseIgnoringCaseAndSeparators() {
        assertThat(Direction.parse("both", SYSTEMS)).isEqualTo(Direction.BOTH);
        assertThat(Direction.parse("toZoho", SYSTEMS)).isEqualTo(Direction.into("zoho"));
        assertThat(Direction.parse("TO_POWEROFFICE", SYSTEMS)).isEqualTo(Direction.into("poweroffice"));
        assertThat(Direction.parse(" createonly ", SYSTEMS)).isEqualTo(Direction.CREATE_ONLY);
    }

    @Test
    void anUnknownWordIsRefusedListingTheAllowedOnes() {
        assertThatThrownBy(() -> Direction.parse("sideways", SYSTEMS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'sideways' is not a direction; use one of: both, toZoho, toPoweroffice, createOnly");
        assertThatThrownBy(() -> Direction.parse(null, SYSTEMS)).isInstanceOf(IllegalArgumentException.class);
    }
}
