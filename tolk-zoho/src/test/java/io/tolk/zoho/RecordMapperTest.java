package io.tolk.zoho;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.FieldRule;
import io.tolk.api.SourceRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aContactIsFlattenedWithItsLookupAndItsOffsetTimeBecomesAnInstant() throws Exception {
        SourceRecord r = RecordMapper.toSource(ZohoType.CONTACTS, JSON.readTree("{\"id\":\"5725767000000524157\","
                + "\"Last_Name\":\"Nordmann\",\"Email\":null,\"Account_Name\":{\"name\":\"Fjord AS\",\"id\":\"111\"},"
                + "\"Email_Opt_Out\":false,\"Annual\":1200.50,\"Tags\":[\"a\"],\"$approval_state\":\"approved\","
                + "\"Modified_Time\":\"2025-03-01T15:30:20+05:30\"}"));

        assertThat(r.ref().toString()).isEqualTo("zoho/Contacts/5725767000000524157");
        assertThat(r.fields()).containsEntry("Last_Name", "Nordmann").containsEntry("Email", null)
                .containsEntry("Account_Name.id", "111").containsEntry("Account_Name.name", "Fjord AS")
                .containsEntry("Email_Opt_Out", "false").containsEntry("Annual", "1200.5")
                .containsEntry("Tags", "[\"a\"]").doesNotContainKey("$approval_state");
        assertThat(r.modifiedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:20Z"));
    }

    @Test
    void theLookupIdBecomesAnObjectItsNameIsNotSentAndTypedFieldsAreSentAsJsonTypes() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Last_Name", "Nordmann");
        f.put("Account_Name.id", "111");
        f.put("Account_Name.name", "Fjord AS");
        f.put("Email_Opt_Out", "true");
        f.put("No_Of_Employees", "12");
        f.put("Phone", null);
        Map<String, FieldRule> rules = Map.of("Email_Opt_Out", new FieldRule("Email_Opt_Out", 0, false, "boolean"),
                "No_Of_Employees", new FieldRule("No_Of_Employees", 0, false, "integer"));

        assertThat(RecordMapper.toJson(ZohoType.CONTACTS, f, true, rules).toString()).isEqualTo(
                "{\"Last_Name\":\"Nordmann\",\"Account_Name\":{\"id\":\"111\"},\"Email_Opt_Out\":true,\"No_Of_Employees\":12}");
    }

    @Test
    void anUpdateWithNullClearsTheFieldAndTheLookup() {
        Map<String, String> f = new HashMap<>();
        f.put("Phone", null);
        f.put("Account_Name.id", null);

        assertThat(RecordMapper.toJson(ZohoType.CONTACTS, f, false, Map.of()).toString())
                .contains("\"Phone\":null").contains("\"Account_Name\":null");
    }

    @Test
    void theFieldsParameterNamesTopLevelFieldsOnceWithModifiedTimeAndModifiedByAndWithoutId() {
        String p = RecordMapper.fieldsParam(ZohoType.CONTACTS,
                new LinkedHashSet<>(List.of("id", "Account_Name.id", "Account_Name.name", "Last_Name")), "read");

        assertThat(p).isEqualTo("Account_Name,Last_Name,Modified_Time,Modified_By");
    }
}
