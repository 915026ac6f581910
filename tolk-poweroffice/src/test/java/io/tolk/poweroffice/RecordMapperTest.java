package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.CreateRequest;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RecordMapper mapper = new RecordMapper(json);

    private JsonNode parse(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void customerDtoBecomesFlatPascalCasePathsWithAddressTimestampPerAddressField() throws Exception {
        JsonNode dto = parse("""
                {"id":123,"name":"Fjord AS","isPerson":false,"IsArchived":false,"Number":10024,"Allowance":56.750,
                 "ContactGroupIds":[3,1001],"WebsiteUrl":null,
                 "mailAddress":{"Id":555,"City":"Oslo","ZipCode":"0161","LastChangedDateTimeOffset":"2025-01-11 10:00:00.1234567+01:00"},
                 "LastChangedDateTimeOffset":"2025-01-10T09:15:00.1234567+00:00"}""");

        SourceRecord r = mapper.toRecord(PoType.COMPANY_CUSTOMER, dto, Set.of("Name", "PhoneNumber", "MailAddress.City"));

        assertThat(r.ref().toString()).isEqualTo("poweroffice/CompanyCustomer/123");
        assertThat(r.field("Name")).isEqualTo("Fjord AS");
        assertThat(r.field("IsArchived")).isEqualTo("false");
        assertThat(r.field("Number")).isEqualTo("10024");
        assertThat(r.field("Allowance")).isEqualTo("56.75");
        assertThat(r.field("ContactGroupIds")).isEqualTo("3,1001");
        assertThat(r.fields()).containsEntry("WebsiteUrl", null).containsEntry("PhoneNumber", null);
        assertThat(r.field("MailAddress.City")).isEqualTo("Oslo");
        assertThat(r.modifiedAt()).isEqualTo(Instant.parse("2025-01-10T09:15:00.1234567Z"));
        assertThat(r.modifiedAt("MailAddress.City")).isEqualTo(Instant.parse("2025-01-11T09:00:00.1234567Z"));
        assertThat(r.modifiedAt("Name")).isEqualTo(r.modifiedAt());
    }

    @Test
    void contactPersonIdIsContactIdColonId() throws Exception {
        SourceRecord r = mapper.toRecord(PoType.CONTACT_PERSON, parse("{\"Id\":777,\"ContactId\":123,\"FirstName\":\"Kari\"}"), null);
        assertThat(r.id()).isEqualTo("123:777");
        assertThat(PowerOfficeReader.pathOf(PoType.CONTACT_PERSON, "123:777")).isEqualTo("ContactPersons/123/777");
        assertThat(PowerOfficeReader.pathOf(PoType.CONTACT_PERSON, "777")).isNull();
        assertThat(PowerOfficeReader.pathOf(PoType.COMPANY_CUSTOMER, "12a")).isNull();
    }

    @Test
    void isPersonSplitsCustomersBetweenTheTwoTypes() throws Exception {
        JsonNode person = parse("{\"Id\":1,\"IsPerson\":true}");
        JsonNode company = parse("{\"Id\":2,\"IsPerson\":false}");
        JsonNode unspecified = parse("{\"Id\":3}");
        assertThat(RecordMapper.belongsTo(PoType.PERSON_CUSTOMER, person)).isTrue();
        assertThat(RecordMapper.belongsTo(PoType.COMPANY_CUSTOMER, person)).isFalse();
        assertThat(RecordMapper.belongsTo(PoType.COMPANY_CUSTOMER, company)).isTrue();
        assertThat(RecordMapper.belongsTo(PoType.COMPANY_CUSTOMER, unspecified)).isTrue();
    }

    @Test
    void postBodyIsTypedNestedAndCarriesIsPersonAndTheIdempotencyKey() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("FirstName", "Kari");
        fields.put("LastName", "Nordmann");
        fields.put("IsArchived", "false");
        fields.put("DepartmentId", "42");
        fields.put("ContactGroupIds", "3, 1001");
        fields.put("MailAddress.City", "Oslo");
        fields.put("MailAddress.ZipCode", "0161");
        fields.put("PhoneNumber", null);

        JsonNode body = mapper.postBody(PoType.PERSON_CUSTOMER, new CreateRequest("tolk-k1", fields));

        assertThat(body.toString()).isEqualTo(parse("""
                {"FirstName":"Kari","LastName":"Nordmann","IsArchived":false,"DepartmentId":42,"ContactGroupIds":[3,1001],
                 "MailAddress":{"City":"Oslo","ZipCode":"0161"},"IsPerson":true,"ExternalImportReference":"tolk-k1"}""").toString());
    }

    @Test
    void contactPersonCreateCarriesTheKeyInExternalCodeAndLeavesContactIdToThePath() throws Exception {
        JsonNode body = mapper.postBody(PoType.CONTACT_PERSON,
                new CreateRequest("tolk-k2", Map.of("ContactId", "123", "FirstName", "Kari", "LastName", "N")));
        assertThat(body.has("ContactId")).isFalse();
        assertThat(body.get("ExternalCode").asText()).isEqualTo("tolk-k2");
    }

    @Test
    void unknownReservedOrMistypedFieldsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> mapper.postBody(PoType.COMPANY_CUSTOMER, new CreateRequest("k", Map.of("Nmae", "x"))))
                .isInstanceOfSatisfying(FieldProblem.class, p -> assertThat(p.field()).isEqualTo("Nmae"));
        assertThatThrownBy(() -> mapper.postBody(PoType.COMPANY_CUSTOMER, new CreateRequest("k", Map.of("ExternalImportReference", "x"))))
                .isInstanceOfSatisfying(FieldProblem.class, p -> assertThat(p.getMessage()).contains("reserved"));
        assertThatThrownBy(() -> mapper.postBody(PoType.COMPANY_CUSTOMER, new CreateRequest("k", Map.of("IsArchived", "yes"))))
                .isInstanceOfSatisfying(FieldProblem.class, p -> assertThat(p.field()).isEqualTo("IsArchived"));
        assertThatThrownBy(() -> mapper.patch(PoType.CONTACT_PERSON, new UpdateRequest("1:2", Map.of("ContactId", "5")), true))
                .isInstanceOfSatisfying(FieldProblem.class, p -> assertThat(p.getMessage()).contains("only be set when"));
    }

    @Test
    void patchReplacesOnlyTheChangedPathsAndClearsWithNull() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("PhoneNumber", "+4799999999");
        fields.put("MailAddress.City", "Bergen");
        fields.put("WebsiteUrl", null);

        JsonNode patch = mapper.patch(PoType.COMPANY_CUSTOMER, new UpdateRequest("1", fields), true);

        assertThat(patch).isEqualTo(parse("""
                [{"op":"replace","path":"/PhoneNumber","value":"+4799999999"},
                 {"op":"replace","path":"/MailAddress/City","value":"Bergen"},
                 {"op":"replace","path":"/WebsiteUrl","value":null}]"""));
    }

    @Test
    void patchAddsTheWholeAddressObjectWhenTheRecordHasNone() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MailAddress.City", "Bergen");
        fields.put("MailAddress.ZipCode", "5003");
        fields.put("MailAddress.AddressLine2", null);
        fields.put("Name", "Fjord AS");

        JsonNode patch = mapper.patch(PoType.COMPANY_CUSTOMER, new UpdateRequest("1", fields), false);

        assertThat(patch).isEqualTo(parse("""
                [{"op":"replace","path":"/Name","value":"Fjord AS"},
                 {"op":"add","path":"/MailAddress","value":{"City":"Bergen","ZipCode":"5003"}}]"""));
    }

    @Test
    void timestampsParseWithSpaceSevenDigitsOffsetOrNoOffset() {
        assertThat(RecordMapper.parseInstant("2021-09-30 08:03:00.123456+00:00")).isEqualTo(Instant.parse("2021-09-30T08:03:00.123456Z"));
        assertThat(RecordMapper.parseInstant("2024-05-13T12:34:56.1234567Z")).isEqualTo(Instant.parse("2024-05-13T12:34:56.1234567Z"));
        assertThat(RecordMapper.parseInstant("2024-05-13T12:34:56")).isEqualTo(Instant.parse("2024-05-13T12:34:56Z"));
        assertThat(RecordMapper.parseInstant("garbage")).isNull();
    }

    @Test
    void problemDetailsAreReadCaseInsensitivelyAndNameTheField() {
        ProblemDetails p = ProblemDetails.parse(("{\"Title\":\"Customer validation error(s)\",\"Detail\":\"ExternalImportReference is already in use. "
                + "'ABC123' is used on (contact) Id = 123456789.\"}").getBytes(), json);
        assertThat(p.message("x")).startsWith("Customer validation error(s): ExternalImportReference is already");
        assertThat(p.fieldIn(PoType.COMPANY_CUSTOMER)).isEqualTo("ExternalImportReference");

        Map<String, String> cases = new HashMap<>();
        cases.put("MailAddress.City can not be longer than 100 characters (was 101).", "MailAddress.City");
        cases.put("The target location specified by path segment 'zipcode' was not found", "MailAddress.ZipCode");
        cases.put("FirstName is required when IsPerson is true.", "FirstName");
        cases.put("Name is required for a company.", "Name");
        cases.put("Something unrelated went wrong.", null);
        cases.forEach((detail, field) -> assertThat(new ProblemDetails("Customer validation error(s)", detail)
                .fieldIn(PoType.PERSON_CUSTOMER)).as(detail).isEqualTo(field));
        assertThat(ProblemDetails.parse("{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}".getBytes(), json).message("x"))
                .isEqualTo("Rate limit is exceeded.");
        assertThat(ProblemDetails.parse(new byte[0], json).message("HTTP 500")).isEqualTo("HTTP 500");
    }

    @Test
    void aGatewaysHtmlErrorPageIsNamedByItsTitleNotQuotedAsMarkup() {
        byte[] page = ("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                + "<p>nginx</p></body></html>").getBytes();

        assertThat(ProblemDetails.parse(page, json).message("x")).isEqualTo("an HTML page: 502 Bad Gateway");
    }
}
