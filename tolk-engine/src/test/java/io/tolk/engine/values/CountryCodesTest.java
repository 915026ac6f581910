package io.tolk.engine.values;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountryCodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Norway|NO", "Norge|NO", "norway|NO", "  NORWAY  |NO", "Noreg|NO",
            "Sverige|SE", "Sweden|SE", "Tyskland|DE", "Germany|DE", "United Kingdom|GB", "united   kingdom|GB",
            "Danmark|DK", "Island|IS", "Østerrike|AT", "Osterrike|AT", "Côte d’Ivoire|CI", "cote d'ivoire|CI"})
    void namesInEnglishAndNorwegianBecomeCodes(String name, String code) {
        assertThat(CountryCodes.toCode(name)).contains(code);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"NO|NO", "no|NO", " se |SE", "gb|GB", "NOR|NO", "deu|DE"})
    void validCodesPassThroughUpperCased(String input, String code) {
        assertThat(CountryCodes.toCode(input)).contains(code);
    }

    @Test
    void unknownOrBlankGivesNothing() {
        assertThat(CountryCodes.toCode("Narnia")).isEmpty();
        assertThat(CountryCodes.toCode("XX")).isEmpty();
        assertThat(CountryCodes.toCode("   ")).isEmpty();
        assertThat(CountryCodes.toCode(null)).isEmpty();
    }

    @Test
    void englishNameOfACode() {
        assertThat(CountryCodes.englishName("NO")).isEqualTo("Norway");
        assertThat(CountryCodes.englishName("gb")).isEqualTo("United Kingdom");
        assertThatThrownBy(() -> CountryCodes.englishName("ZZ")).hasMessageContaining("'ZZ' is not an ISO 3166-1 alpha-2");
    }

    @Test
    void everyCodesEnglishNameLeadsBackToIt() {
        for (String code : java.util.Locale.getISOCountries()) {
            assertThat(CountryCodes.toCode(CountryCodes.englishName(code))).as(code).contains(code);
        }
    }
}
