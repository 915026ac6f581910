package io.tolk.engine.mapping;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectionTest {

    @Test
    void configWordsParseIgnoringCaseAndSeparators() {
        assertThat(Direction.parse("both")).isEqualTo(Direction.BOTH);
        assertThat(Direction.parse("toZoho")).isEqualTo(Direction.TO_ZOHO);
        assertThat(Direction.parse("TO_POWEROFFICE")).isEqualTo(Direction.TO_POWEROFFICE);
        assertThat(Direction.parse(" createonly ")).isEqualTo(Direction.CREATE_ONLY);
    }

    @Test
    void anUnknownWordIsRefusedListingTheAllowedOnes() {
        assertThatThrownBy(() -> Direction.parse("sideways"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'sideways' is not a direction; use one of: both, toZoho, toPoweroffice, createOnly");
        assertThatThrownBy(() -> Direction.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
