package io.tolk.engine.values;

import io.tolk.engine.mapping.ValueKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {

    @Test
    void valuesAreTrimmedAndEmptyBecomesNull() {
        assertThat(Values.canonical(ValueKind.TEXT, "  Fjellvind AS \t")).isEqualTo(CanonicalValue.of("Fjellvind AS"));
        assertThat(Values.canonical(ValueKind.TEXT, "   ").value()).isNull();
        assertThat(Values.canonical(ValueKind.TEXT, "").valid()).isTrue();
        assertThat(Values.canonical(ValueKind.PHONE, null)).isEqualTo(CanonicalValue.of(null));
    }

    @Test
    void countryNamesBecomeCodes() {
        assertThat(Values.canonical(ValueKind.COUNTRY, "Norge").value()).isEqualTo("NO");
        assertThat(Values.canonical(ValueKind.COUNTRY, " norway ").value()).isEqualTo("NO");
        assertThat(Values.canonical(ValueKind.COUNTRY, "se").value()).isEqualTo("SE");
        assertThat(Values.canonical(ValueKind.COUNTRY, "").value()).isNull();
    }

    @Test
    void anUnknownCountryIsInvalidWithAMessageAPersonUnderstands() {
        CanonicalValue narnia = Values.canonical(ValueKind.COUNTRY, " Narnia ");
        assertThat(narnia.valid()).isFalse();
        assertThat(narnia.value()).isNull();
        assertThat(narnia.problem()).startsWith("'Narnia' is not a country tolk knows").contains("NO", "Norway");
    }

    @Test
    void emailIsComparedCaseInsensitivelyButKeptAsWritten() {
        assertThat(Values.same(ValueKind.EMAIL, "Kari.Nordmann@Example.NO ", "kari.nordmann@example.no")).isTrue();
        assertThat(Values.canonical(ValueKind.EMAIL, " Kari@Example.no").value()).isEqualTo("Kari@Example.no");
        assertThat(Values.same(ValueKind.TEXT, "Kari", "kari")).isFalse();
    }

    @Test
    void sameComparesCanonicalValues() {
        assertThat(Values.same(ValueKind.COUNTRY, "Norge", "NO")).isTrue();
        assertThat(Values.same(ValueKind.COUNTRY, "Sverige", "NO")).isFalse();
        assertThat(Values.same(ValueKind.TEXT, " Oslo", "Oslo ")).isTrue();
        assertThat(Values.same(ValueKind.TEXT, "", null)).isTrue();
        assertThat(Values.same(ValueKind.EMAIL, null, "a@b.no")).isFalse();
        assertThat(Values.same(ValueKind.COUNTRY, "Narnia ", " Narnia")).isTrue();
        assertThat(Values.same(ValueKind.COUNTRY, "Narnia", null)).isFalse();
    }

    @Test
    void countriesGoToZohoAsCodesOrEnglishNames() {
        assertThat(Values.toSystem(ValueKind.COUNTRY, "NO", CountryFormat.ENGLISH_NAME)).isEqualTo("Norway");
        assertThat(Values.toSystem(ValueKind.COUNTRY, "NO", CountryFormat.CODE)).isEqualTo("NO");
        assertThat(Values.toSystem(ValueKind.TEXT, "NO", CountryFormat.ENGLISH_NAME)).isEqualTo("NO");
        assertThat(Values.toSystem(ValueKind.COUNTRY, null, CountryFormat.ENGLISH_NAME)).isNull();
        io.tolk.engine.policy.SyncOptions options = io.tolk.engine.policy.SyncOptions.defaults()
                .withCountryFormat("zoho", CountryFormat.ENGLISH_NAME);
        assertThat(options.countryFormat("zoho")).isEqualTo(CountryFormat.ENGLISH_NAME);
        assertThat(options.countryFormat("poweroffice")).as("every other system gets codes").isEqualTo(CountryFormat.CODE);
    }
}
