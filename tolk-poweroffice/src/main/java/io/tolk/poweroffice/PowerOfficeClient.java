package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tolk.api.ConnectorException;
import io.tolk.api.ErrorKind;
import io.tolk.api.http.ApiRequest;
import io.tolk.api.http.ApiResponse;
import io.tolk.api.http.HttpCaller;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PowerOffice Go v2 HTTP calls the reader and writer make: URLs, headers, token and subscription key, and the
 * mapping of whole-call failures (refused credentials, missing privilege, unreadable answers) to
 * {@link ConnectorException}. Per-record statuses are left to the caller.
 */
final class PowerOfficeClient {

    static final String JSON = "application/json";
    static final String JSON_PATCH = "application/json-patch+json";

    private final PowerOfficeSettings settings;
    private final HttpCaller caller;
    private final TokenProvider tokens;
    private final ObjectMapper mapper;

    PowerOfficeClient(PowerOfficeSettings settings, HttpCaller caller, TokenProvider tokens, ObjectMapper mapper) {
        this.settings = settings;
        this.caller = caller;
        this.tokens = tokens;
        this.mapper = mapper;
    }

    /**
     * One page of a list: its rows and, when the {@code X-Pagination} header says so (an undocumented header some
     * clients read; absent is fine), the total number of rows the list had when the page was cut and the number of
     * pages that made.
     */
    record Page(List<JsonNode> rows, Long totalCount, Long totalPages) {
    }

    /** One list page; no rows for 204. Throws for anything but 200/204. */
    Page page(PoType type, Map<String, String> query, String operation) {
        ApiResponse response = send(ApiRequest.get(operation, null, uri(type.collection, query)));
        return new Page(rows(response, operation), pagination(response, "totalCount"), pagination(response, "totalPages"));
    }

    private Long pagination(ApiResponse response, String property) {
        String header = response.header("X-Pagination").orElse(null);
        if (header == null) {
            return null;
        }
        try {
            JsonNode value = RecordMapper.property(mapper.readTree(header), property);
            return value != null && value.canConvertToLong() ? value.asLong() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** One list page's rows; an empty list for 204. Throws for anything but 200/204. */
    List<JsonNode> listPage(PoType type, Map<String, String> query, String operation) {
        return page(type, query, operation).rows();
    }

    private List<JsonNode> rows(ApiResponse response, String operation) {
        if (response.status() == 204) {
            return List.of();
        }
        if (response.status() != 200) {
            throw failure(response, operation, null);
        }
        JsonNode body = parse(response, operation, null);
        if (body == null || body.isNull() || (body.isTextual() && body.asText().isEmpty())) {
            // PowerOffice answers an empty list as [] (or 204); a 200 without a body is an answer that broke, and
            // believing it would make every record look absent
            throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM,
                    operation + ": HTTP 200 with an empty body where a JSON array was expected");
        }
        if (!body.isArray()) {
            throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM,
                    operation + ": expected a JSON array, got " + body.getNodeType());
        }
        List<JsonNode> rows = new ArrayList<>(body.size());
        body.forEach(rows::add);
        return rows;
    }

    /** Sends with the token and subscription key; refused credentials or privilege throw UNAVAILABLE. */
    ApiResponse send(ApiRequest request) {
        ApiResponse response = caller.send(request, tokens);
        if (response.status() == 401) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, PowerOfficeConnector.SYSTEM,
                    request.describe() + ": the access token was refused twice (HTTP 401)");
        }
        if (response.status() == 403) {
            throw new ConnectorException(ErrorKind.UNAVAILABLE, PowerOfficeConnector.SYSTEM,
                    request.describe() + ": the integration lacks the privilege for this call (HTTP 403"
                            + ProblemDetails.parse(response.body(), mapper).message("").transform(m -> m.isEmpty() ? "" : ": " + m) + ")");
        }
        return response;
    }

    /** The JSON body, or a RETRYABLE ConnectorException naming the operation when it does not parse. */
    JsonNode parse(ApiResponse response, String operation, String record) {
        if (!response.hasBody()) {
            return null;
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new ConnectorException(ErrorKind.RETRYABLE, PowerOfficeConnector.SYSTEM,
                    operation + (record == null ? "" : " " + record) + ": the answer (HTTP " + response.status()
                            + ", " + response.body().length + " bytes) is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** A whole-call failure for a status that was not expected. */
    ConnectorException failure(ApiResponse response, String operation, String record) {
        ProblemDetails problem = ProblemDetails.parse(response.body(), mapper);
        ErrorKind kind = HttpCaller.isRetryableStatus(response.status()) ? ErrorKind.RETRYABLE
                : response.status() == 404 ? ErrorKind.NOT_FOUND : ErrorKind.PERMANENT;
        return new ConnectorException(kind, PowerOfficeConnector.SYSTEM, operation + (record == null ? "" : " " + record)
                + ": HTTP " + response.status() + " " + problem.message("(no details)"));
    }

    /** {@code apiUrl/segments...?query}, every part encoded. */
    URI uri(String path, Map<String, String> query) {
        StringBuilder b = new StringBuilder(settings.apiUrl().toString()).append('/').append(path);
        if (query != null && !query.isEmpty()) {
            char sep = '?';
            for (Map.Entry<String, String> e : query.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                sep = '&';
            }
        }
        return URI.create(b.toString());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    ObjectMapper mapper() {
        return mapper;
    }

    PowerOfficeSettings settings() {
        return settings;
    }

    TokenProvider tokens() {
        return tokens;
    }
}
