package io.tolk.zoho;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls the Zoho CRM API: builds URIs under the (adopted) API domain and version, spends credits from the
 * {@link CreditBudget} before each call and records {@code X-API-CREDITS-REMAINING} after it, sends through
 * {@link HttpCaller} (deadline, retries, 401-refresh, concurrency limit) with {@link ZohoAuth}, and turns responses
 * that are failures of the whole call into {@link ConnectorException}s naming the operation and record.
 */
final class ZohoApi {

    private final ZohoSettings settings;
    private final HttpCaller caller;
    private final ZohoAuth auth;
    private final CreditBudget credits;
    private final ObjectMapper mapper;

    ZohoApi(ZohoSettings settings, HttpCaller caller, ZohoAuth auth, CreditBudget credits, ObjectMapper mapper) {
        this.settings = settings;
        this.caller = caller;
        this.auth = auth;
        this.credits = credits;
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** {@code {apiDomain}/crm/{version}/{path}?{query}}, after making sure a token (and so the API domain) is known. */
    URI uri(String path, Map<String, String> query) {
        auth.token();
        StringBuilder b = new StringBuilder(ZohoAuth.trimSlash(auth.apiDomain().toString()))
                .append("/crm/").append(settings.apiVersion()).append('/').append(path);
        if (query != null && !query.isEmpty()) {
            b.append('?').append(query.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&")));
        }
        return URI.create(b.toString());
    }

    /** A GET costing one credit. */
    ApiResponse get(String operation, String record, String path, Map<String, String> query, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        if (headers != null) {
            h.putAll(headers);
        }
        return call(new ApiRequest(operation, record, "GET", uri(path, query), h, null, true), 1);
    }

    /** A call with a JSON body (or none), costing {@code cost} credits. */
    ApiResponse send(String operation, String record, String method, String path, Map<String, String> query,
                     JsonNode body, boolean idempotent, int cost) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        byte[] bytes = null;
        if (body != null) {
            h.put("Content-Type", "application/json");
            try {
                bytes = mapper.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException("zoho: " + operation + ": cannot write JSON", e);
            }
        }
        return call(new ApiRequest(operation, record, method, uri(path, query), h, bytes, idempotent), cost);
    }

    private ApiResponse call(ApiRequest request, int cost) {
        credits.spend(cost, request.describe());
        ApiResponse response = caller.send(request, auth);
        response.header("X-API-CREDITS-REMAINING").ifPresent(v -> {
            try {
                credits.reported(Long.parseLong(v.trim()));
            } catch (NumberFormatException ignored) {
                // not a number: ignore the header rather than fail the call
            }
        });
        if (response.status() == 401) {
            credits.refund(cost);
            throw new ConnectorException(ErrorKind.UNAVAILABLE, "zoho", request.describe() + ": access refused (401 "
                    + code(response) + ") even with a fresh token; check the OAuth scopes of the refresh token");
        }
        if (response.status() == 429) {
            credits.refund(cost);
            // 429 means credits or concurrency. When Zoho's last figure leaves less than ten such calls (its
            // concurrency), calls sent together before that figure arrived are refused for credits, not throttled.
            long left = credits.remainingReported();
            if (left == 0 || (left > 0 && left < 10L * Math.max(1, cost))) {
                throw new ConnectorException(ErrorKind.QUOTA, "zoho", request.describe()
                        + ": the org's API credits are exhausted (429, X-API-CREDITS-REMAINING 0); calls resume as the 24-hour window rolls",
                        null, null);
            }
        }
        return response;
    }

    /** The JSON body of a successful response; a body that is not JSON is a transient failure. */
    JsonNode json(ApiResponse response, String operation) {
        try {
            JsonNode node = mapper.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", operation + ": HTTP " + response.status()
                        + " with an empty body where JSON was expected");
            }
            return node;
        } catch (IOException e) {
            throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", operation + ": HTTP " + response.status()
                    + " with a malformed JSON body (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * The records of a 200 answer to a read ({@code body}, parsed by {@link #json}): its {@code data} list. A 200 without one (an error body sent with 200, a
     * list where Zoho sends an object) is a failure of the call, never an empty page: believing it would make records
     * look absent (created a second time, or taken for deleted).
     */
    JsonNode records(JsonNode body, ApiResponse response, String operation) {
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            String code = body.path("code").asText("");
            String message = body.path("message").asText("");
            throw new ConnectorException(ErrorKind.RETRYABLE, "zoho", operation + ": HTTP " + response.status()
                    + (data == null ? " without a data list" : " with data that is not a list")
                    + (code.isEmpty() && message.isEmpty() ? "" : " (" + (code + " " + message).trim() + ")"));
        }
        return data;
    }

    /** The failure a response that is not a success stands for. */
    ConnectorException failure(ApiResponse response, String operation) {
        int s = response.status();
        String code = code(response);
        ErrorKind kind;
        String hint = "";
        if (s == 429) {
            kind = ErrorKind.RETRYABLE;
            hint = " (throttled: the org's concurrency limit or API credits; retries exhausted)";
        } else if (s >= 500) {
            kind = ErrorKind.RETRYABLE;
        } else if (s == 401 || s == 403) {
            kind = ErrorKind.UNAVAILABLE;
        } else if (s == 404 && !"INVALID_URL_PATTERN".equals(code)) {
            kind = ErrorKind.NOT_FOUND;
        } else {
            kind = ErrorKind.PERMANENT;
        }
        return new ConnectorException(kind, "zoho", operation + ": HTTP " + s + " " + code + message(response) + hint);
    }

    /** Zoho's error code in the body, or "" when there is none. */
    String code(ApiResponse response) {
        JsonNode n = tryJson(response);
        if (n == null) {
            return "";
        }
        if (n.has("code")) {
            return n.path("code").asText();
        }
        JsonNode first = n.path("data").path(0);
        return first.path("code").asText("");
    }

    private String message(ApiResponse response) {
        JsonNode n = tryJson(response);
        if (n == null) {
            return "";
        }
        JsonNode m = n.has("message") ? n.path("message") : n.path("data").path(0).path("message");
        String details = n.has("details") && n.path("details").size() > 0 ? " " + n.path("details") : "";
        return m.isMissingNode() ? "" : ": " + m.asText() + details;
    }

    JsonNode tryJson(ApiResponse response) {
        if (!response.hasBody()) {
            return null;
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
