package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.tolk.api.ErrorKind;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;

import java.util.Set;

/**
 * Maps Zoho's error items ({@code {"code":…,"details":{…},"message":…,"status":"error"}}) to {@link WriteError}s.
 *
 * <ul>
 *   <li>{@code INVALID_DATA} naming the record id (details {@code id}, or {@code api_name} {@code id}) on an update or
 *       delete, and "record not deleted" on a delete: {@link ErrorKind#NOT_FOUND}.</li>
 *   <li>Validation codes ({@code MANDATORY_NOT_FOUND}, {@code INVALID_DATA}, {@code DUPLICATE_DATA},
 *       {@code LIMIT_EXCEEDED}, {@code NO_PERMISSION}, ...): {@link ErrorKind#PERMANENT}, the field from
 *       {@code details.api_name}, the message extended with the maximum length or the existing duplicate's id.</li>
 *   <li>Server-side trouble ({@code INTERNAL_ERROR}, {@code TOO_MANY_REQUESTS}, ...): {@link ErrorKind#RETRYABLE}.</li>
 * </ul>
 */
final class ZohoErrors {

    private static final Set<String> RETRYABLE = Set.of("INTERNAL_ERROR", "TOO_MANY_REQUESTS", "REQUEST_TIMEOUT",
            "SERVICE_UNAVAILABLE", "UNABLE_TO_PROCESS");

    private ZohoErrors() {
    }

    static WriteError fromItem(JsonNode item, WriteOperation operation, String record) {
        String code = item.path("code").asText("UNKNOWN");
        String message = item.path("message").asText("");
        JsonNode details = item.path("details");
        String field = details.path("api_name").asText(null);
        StringBuilder text = new StringBuilder(message);
        if (details.has("maximum_length")) {
            text.append(" (at most ").append(details.path("maximum_length").asText()).append(" characters)");
        }
        JsonNode dup = details.path("duplicate_record");
        if (!dup.isMissingNode() && dup.has("id")) {
            text.append(" (an existing record has this value: ").append(dup.path("id").asText()).append(')');
        } else if (code.equals("DUPLICATE_DATA") && details.has("id")) {
            text.append(" (an existing record has this value: ").append(details.path("id").asText()).append(')');
        }
        ErrorKind kind;
        boolean aboutId = "id".equals(field) || (field == null && details.has("id") && !code.equals("DUPLICATE_DATA"));
        if (operation != WriteOperation.CREATE && code.equals("INVALID_DATA") && (aboutId
                || message.toLowerCase().contains("not deleted"))) {
            kind = ErrorKind.NOT_FOUND;
            field = null;
            text.append(" (no such record)");
        } else if (RETRYABLE.contains(code)) {
            kind = ErrorKind.RETRYABLE;
        } else {
            kind = ErrorKind.PERMANENT;
        }
        return new WriteError(kind, "zoho", operation, record, field, code, text.toString());
    }
}
