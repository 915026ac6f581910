package io.tolk.engine.mapping;

import io.tolk.api.RecordRef;
import io.tolk.api.SourceRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordFilterTest {

    private static SourceRecord record(String... pairs) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return new SourceRecord(REF, fields, Instant.EPOCH);
    }

    private static final RecordRef REF = new RecordRef("poweroffice", "CompanyCustomer", "1");

    @Test
    void booleansCompareWithTheFieldsTrueOrFalse() {
        RecordFilter f = RecordFilter.parse("IsArchived == false");
        assertThat(f.test(record("IsArchived", "false"))).isTrue();
        assertThat(f.test(record("IsArchived", "False"))).isTrue();
        assertThat(f.test(record("IsArchived", "true"))).isFalse();
        assertThat(f.test(record())).isFalse();
    }

    @Test
    void notEqualAndAndCombine() {
        RecordFilter f = RecordFilter.parse("Code != 99 and IsActive == true");
        assertThat(f.test(record("Code", "12", "IsActive", "true"))).isTrue();
        assertThat(f.test(record("Code", "99", "IsActive", "true"))).isFalse();
        assertThat(f.test(record("Code", "99.0", "IsActive", "true"))).isFalse();
        assertThat(f.test(record("Code", "12", "IsActive", "false"))).isFalse();
        assertThat(f.test(record("IsActive", "true"))).isTrue();
    }

    @Test
    void doubleAmpersandIsAnotherAnd() {
        RecordFilter f = RecordFilter.parse("A == 1&&B == 2");
        assertThat(f.expression()).isEqualTo("A == 1 and B == 2");
        assertThat(f.test(record("A", "1", "B", "2"))).isTrue();
        assertThat(f.test(record("A", "1", "B", "3"))).isFalse();
    }

    @Test
    void quotedStringsAndBareWordsCompareExactly() {
        assertThat(RecordFilter.parse("MailAddress.CountryCode == \"NO\"").test(record("MailAddress.CountryCode", "NO"))).isTrue();
        assertThat(RecordFilter.parse("MailAddress.CountryCode == 'NO'").test(record("MailAddress.CountryCode", "no"))).isFalse();
        assertThat(RecordFilter.parse("MailAddress.CountryCode == NO").test(record("MailAddress.CountryCode", " NO "))).isTrue();
        assertThat(RecordFilter.parse("Name == 'Fjellvind AS'").test(record("Name", "Fjellvind AS"))).isTrue();
        assertThat(RecordFilter.parse("Name == 'it\\'s'").test(record("Name", "it's"))).isTrue();
    }

    @Test
    void nullMatchesEmptyOrAbsentFields() {
        RecordFilter f = RecordFilter.parse("EmailAddress != null");
        assertThat(f.test(record("EmailAddress", "a@b.no"))).isTrue();
        assertThat(f.test(record("EmailAddress", " "))).isFalse();
        assertThat(f.test(record())).isFalse();
    }

    @Test
    void numbersCompareNumerically() {
        RecordFilter f = RecordFilter.parse("Code == 7");
        assertThat(f.test(record("Code", "7.00"))).isTrue();
        assertThat(f.test(record("Code", "seven"))).isFalse();
    }

    @Test
    void blankIsAll() {
        assertThat(RecordFilter.parse("  ").isAll()).isTrue();
        assertThat(RecordFilter.parse(null)).isEqualTo(RecordFilter.all());
        assertThat(RecordFilter.all().test(record())).isTrue();
        assertThat(RecordFilter.all().expression()).isEmpty();
    }

    @Test
    void expressionIsNormalised() {
        assertThat(RecordFilter.parse("  IsArchived==FALSE AND Code!='x y'").expression())
                .isEqualTo("IsArchived == false and Code != \"x y\"");
        assertThat(RecordFilter.parse("a.b == 1").fields()).containsExactly("a.b");
    }

    @Test
    void errorsNameThePositionAndWhatWasExpected() {
        assertThatThrownBy(() -> RecordFilter.parse("IsArchived = false"))
                .hasMessage("filter \"IsArchived = false\" at position 12: expected == or != after IsArchived, found '= false'");
        assertThatThrownBy(() -> RecordFilter.parse("IsArchived ==")).hasMessageContaining("expected a value after ==, found the end");
        assertThatThrownBy(() -> RecordFilter.parse("== true")).hasMessageContaining("position 1: expected a field name");
        assertThatThrownBy(() -> RecordFilter.parse("A == 1 or B == 2")).hasMessageContaining("only 'and' is supported");
        assertThatThrownBy(() -> RecordFilter.parse("A == 1 B == 2")).hasMessageContaining("expected 'and' or the end");
        assertThatThrownBy(() -> RecordFilter.parse("A == 'open")).hasMessageContaining("no closing '");
        assertThatThrownBy(() -> RecordFilter.parse("A. == 1")).hasMessageContaining("expected a field name after '.'");
        assertThatThrownBy(() -> RecordFilter.parse("A == 1 and")).hasMessageContaining("expected a field name, found the end");
    }
}
