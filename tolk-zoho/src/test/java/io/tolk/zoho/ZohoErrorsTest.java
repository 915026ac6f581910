package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.ErrorKind;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZohoErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WriteError map(String item, WriteOperation op) throws Exception {
        JsonNode n = JSON.readTree(item);
        return ZohoErrors.fromItem(n, op, "rec-1");
    }

    @Test
    void mandatoryNotFoundIsPermanentAndNamesTheField() throws Exception {
        WriteError e = map("{\"code\":\"MANDATORY_NOT_FOUND\",\"details\":{\"api_name\":\"Last_Name\",\"json_path\":\"$.data[0].Last_Name\"},"
                + "\"message\":\"required field not found\",\"status\":\"error\"}", WriteOperation.CREATE);

        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(e.describe()).isEqualTo("zoho CREATE rec-1 field Last_Name: MANDATORY_NOT_FOUND required field not found");
    }

    @Test
    void aTooLongValueGivesTheMaximumLength() throws Exception {
        WriteError e = map("{\"code\":\"INVALID_DATA\",\"details\":{\"api_name\":\"Phone\",\"maximum_length\":30},"
                + "\"message\":\"invalid data\",\"status\":\"error\"}", WriteOperation.UPDATE);

        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(e.field()).isEqualTo("Phone");
        assertThat(e.message()).isEqualTo("invalid data (at most 30 characters)");
    }

    @Test
    void aDuplicateNamesTheExistingRecord() throws Exception {
        WriteError e = map("{\"code\":\"DUPLICATE_DATA\",\"details\":{\"api_name\":\"Email\",\"duplicate_record\":{\"id\":\"42\","
                + "\"module\":{\"api_name\":\"Contacts\"}}},\"message\":\"duplicate data\",\"status\":\"error\"}", WriteOperation.CREATE);

        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(e.field()).isEqualTo("Email");
        assertThat(e.message()).contains("42");
    }

    @Test
    void anInvalidIdOnUpdateOrDeleteIsNotFoundButOnCreateItIsPermanent() throws Exception {
        String item = "{\"code\":\"INVALID_DATA\",\"details\":{\"id\":\"99\"},\"message\":\"the id given seems to be invalid\",\"status\":\"error\"}";

        assertThat(map(item, WriteOperation.UPDATE).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(map(item, WriteOperation.DELETE).kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(map(item, WriteOperation.CREATE).kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(map("{\"code\":\"INVALID_DATA\",\"details\":{\"api_name\":\"id\"},\"message\":\"record not deleted\"}",
                WriteOperation.DELETE).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void aLookupPointingNowhereIsPermanentOnTheLookupField() throws Exception {
        WriteError e = map("{\"code\":\"INVALID_DATA\",\"details\":{\"api_name\":\"Account_Name\",\"json_path\":\"$.data[0].Account_Name\"},"
                + "\"message\":\"invalid data\",\"status\":\"error\"}", WriteOperation.UPDATE);

        assertThat(e.kind()).isEqualTo(ErrorKind.PERMANENT);
        assertThat(e.field()).isEqualTo("Account_Name");
    }

    @Test
    void serverTroubleInAnItemIsRetryable() throws Exception {
        assertThat(map("{\"code\":\"INTERNAL_ERROR\",\"details\":{},\"message\":\"x\"}", WriteOperation.CREATE).kind())
                .isEqualTo(ErrorKind.RETRYABLE);
    }
}
