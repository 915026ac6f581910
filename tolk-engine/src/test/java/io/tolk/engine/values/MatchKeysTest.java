package io.tolk.engine.values;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchKeysTest {

    @Test
    void organisationNamesIgnoreCaseOuterAndRepeatedSpaces() {
        assertThat(MatchKeys.organizationName("  Fjellvind   Bygg\tAS ")).isEqualTo("fjellvind bygg as");
        assertThat(MatchKeys.organizationName("FJELLVIND BYGG AS")).isEqualTo(MatchKeys.organizationName("Fjellvind Bygg AS"));
        assertThat(MatchKeys.organizationName("Fjellvind\u00a0Bygg AS")).isEqualTo("fjellvind bygg as");
        assertThat(MatchKeys.organizationName("Fjellvind Bygg")).isNotEqualTo(MatchKeys.organizationName("Fjellvind Bygg AS"));
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(MatchKeys.email(" Kari.Nordmann@Example.NO ")).isEqualTo("kari.nordmann@example.no");
    }

    @Test
    void emptyValuesNeverMatch() {
        assertThat(MatchKeys.organizationName(null)).isNull();
        assertThat(MatchKeys.organizationName(" \t ")).isNull();
        assertThat(MatchKeys.email("")).isNull();
        assertThat(MatchKeys.email(null)).isNull();
    }
}
