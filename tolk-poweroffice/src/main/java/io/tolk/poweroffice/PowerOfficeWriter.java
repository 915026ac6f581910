package io.tolk.poweroffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;
import io.tolk.api.http.ApiRequest;
import io.tolk.api.http.ApiResponse;
import io.tolk.api.http.HttpCaller;
import io.tolk.api.http.ReplicaLag;
import io.tolk.api.http.Sleeper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one PowerOffice type, one HTTP call per record.
 *
 * <ul>
 *   <li>Create: {@code POST} with the idempotency key in {@code ExternalImportReference} (customers) or
 *       {@code ExternalCode} (contact persons). When the answer is lost (connection cut after sending), the record
 *       is looked up by that key first and the POST repeated only if it is not there; the key is unique in
 *       PowerOffice, so even a repeat cannot duplicate (a "already in use" refusal is resolved by the same lookup).
 *       Departments have no such field: a lost department create is reported {@link ErrorKind#UNKNOWN_OUTCOME}
 *       and the engine finds it later with {@link #findCreated} (by Name among departments created since).</li>
 *   <li>Update: {@code PATCH} with {@code application/json-patch+json}, one {@code replace} per changed path
 *       (null clears). When the record has no address yet, address fields become one {@code add} of the whole
 *       {@code /MailAddress} object: the first attempt assumes the address exists, and only a 400 to a patch that
 *       touches the address costs one GET to check and a second PATCH.</li>
 *   <li>Delete: {@code DELETE}; 404 is {@link ErrorKind#NOT_FOUND}, 409 (in use) {@link ErrorKind#PERMANENT}.</li>
 * </ul>
 * Per-record errors carry PowerOffice's ProblemDetails {@code title: detail} and the field the detail names:
 * 400/409 and other 4xx → PERMANENT, 404 → NOT_FOUND, 429/5xx left after the retries → RETRYABLE.
 */
final class PowerOfficeWriter implements RecordWriter {

    /** How far before its call a lost create is looked for. */
    private static final Duration LOOKUP_SLACK = Duration.ofMinutes(5);
    /**
     * How long after a write PowerOffice's reads are taken to show it: every GET is served from a replica, and
     * PowerOffice advises waiting 1–2 s after a POST before reading the data back. A lookup that concludes "not
     * created" reads no earlier than this after the write could last have been applied.
     */
    static final Duration READ_LAG = Duration.ofSeconds(2);

    private final PoType type;
    private final PowerOfficeClient client;
    private final RecordMapper mapper;
    private final java.time.Clock clock;
    private final ReplicaLag lag;

    PowerOfficeWriter(PoType type, PowerOfficeClient client, RecordMapper mapper, java.time.Clock clock, Sleeper sleeper) {
        this.lag = new ReplicaLag(READ_LAG, clock, sleeper);
        this.type = type;
        this.client = client;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public int maxBatchSize() {
        return 1000;
    }

    /** PowerOffice takes one record per HTTP request. */
    @Override
    public int requestsPerHttpCall() {
        return 1;
    }

    /** PowerOffice refuses to create an address without both City and ZipCode. */
    @Override
    public List<io.tolk.api.FieldIssue> precheck(Map<String, String> fields, boolean create) {
        if (!create) {
            return List.of();
        }
        boolean hasAddress = fields.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("MailAddress.") && !blank(e.getValue()));
        if (!hasAddress) {
            return List.of();
        }
        List<io.tolk.api.FieldIssue> out = new ArrayList<>();
        for (String needed : List.of("MailAddress.City", "MailAddress.ZipCode")) {
            if (blank(fields.get(needed))) {
                out.add(new io.tolk.api.FieldIssue(needed, "PowerOffice " + type.typeName + "." + needed
                        + " is empty; PowerOffice refuses to create an address without both City and ZipCode"));
            }
        }
        return out;
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    // ------------------------------------------------------------------ create

    @Override
    public List<WriteResult> create(List<CreateRequest> requests) {
        return each(requests, WriteOperation.CREATE, CreateRequest::idempotencyKey, this::createOne);
    }

    private WriteResult createOne(CreateRequest request) {
        String key = request.idempotencyKey();
        ObjectNode body;
        String path;
        try {
            body = mapper.postBody(type, request);
            path = createPath(request);
        } catch (FieldProblem p) {
            return failed(WriteOperation.CREATE, key, ErrorKind.PERMANENT, p.field(), null, p.getMessage());
        }
        Instant started = clock.instant();
        for (int attempt = 1; ; attempt++) {
            ApiResponse response;
            try {
                response = client.send(new ApiRequest("create " + type.typeName, key, "POST", client.uri(path, Map.of()),
                        Map.of("Content-Type", PowerOfficeClient.JSON, "Accept", PowerOfficeClient.JSON),
                        mapper.bytes(body), false));
            } catch (ConnectorException e) {
                if (e.kind() != ErrorKind.UNKNOWN_OUTCOME) {
                    throw e;
                }
                if (type.keyField == null || attempt > 1) {
                    return failed(WriteOperation.CREATE, key, ErrorKind.UNKNOWN_OUTCOME, null, null, e.getMessage()
                            + (type.keyField == null ? "; look it up with findCreated before repeating" : ""));
                }
                Optional<WriteResult> found = lookUpAfterLostAnswer(request, started, e);
                if (found.isPresent()) {
                    return found.get();
                }
                continue; // confirmed absent: repeating is safe (and the key is unique besides)
            }
            if (response.status() == 201 || response.status() == 200) {
                JsonNode dto;
                try {
                    dto = client.parse(response, "create " + type.typeName, key);
                } catch (ConnectorException unreadable) {
                    return failed(WriteOperation.CREATE, key, ErrorKind.UNKNOWN_OUTCOME, null, String.valueOf(response.status()),
                            unreadable.getMessage() + "; the record was probably created: look it up before repeating");
                }
                String id = dto == null ? null : RecordMapper.idOf(type, dto);
                if (id == null) {
                    return failed(WriteOperation.CREATE, key, ErrorKind.UNKNOWN_OUTCOME, null, String.valueOf(response.status()),
                            "the answer to create carries no Id; look it up before repeating");
                }
                return WriteResult.ok(key, id, mapper.toRecord(type, dto, null));
            }
            ProblemDetails problem = ProblemDetails.parse(response.body(), client.mapper());
            if (response.status() == 400 && type.keyField != null && keyAlreadyUsed(problem, key)) {
                lag.awaitReadsShowing(clock.instant(), PowerOfficeConnector.SYSTEM);   // the record holding the key may be new
                Optional<SourceRecord> existing = findByKey(key);
                if (existing.isPresent()) {
                    return WriteResult.ok(key, existing.get().id(), existing.get());
                }
            }
            return failed(WriteOperation.CREATE, key, response, problem);
        }
    }

    private Optional<WriteResult> lookUpAfterLostAnswer(CreateRequest request, Instant started, ConnectorException lost) {
        try {
            lag.awaitReadsShowing(clock.instant(), PowerOfficeConnector.SYSTEM);   // the lost answer came after the write
            Optional<SourceRecord> found = lookUp(request, started.minus(LOOKUP_SLACK));
            if (found.isPresent()) {
                return Optional.of(WriteResult.ok(request.idempotencyKey(), found.get().id(), found.get()));
            }
            return Optional.empty();
        } catch (ConnectorException lookupFailed) {
            return Optional.of(failed(WriteOperation.CREATE, request.idempotencyKey(), ErrorKind.UNKNOWN_OUTCOME, null, null,
                    lost.getMessage() + "; looking it up failed too (" + lookupFailed.getMessage() + ")"));
        }
    }

    private boolean keyAlreadyUsed(ProblemDetails problem, String key) {
        String text = problem.message("").toLowerCase(Locale.ROOT);
        return text.contains(type.keyField.toLowerCase(Locale.ROOT)) && (text.contains("in use") || text.contains("already")
                || text.contains("unique") || text.contains(key.toLowerCase(Locale.ROOT)));
    }

    private String createPath(CreateRequest request) throws FieldProblem {
        if (!type.hasCompositeId()) {
            return type.collection;
        }
        String contactId = request.fields().get("ContactId");
        if (contactId == null || !contactId.trim().matches("\\d{1,19}")) {
            throw new FieldProblem("ContactId", "a ContactPerson needs the ContactId of its customer (a whole number), was "
                    + (contactId == null ? "empty" : "'" + contactId + "'"));
        }
        return type.collection + "/" + contactId.trim();
    }

    // ------------------------------------------------------------------ update

    @Override
    public List<WriteResult> update(List<UpdateRequest> requests) {
        return each(requests, WriteOperation.UPDATE, UpdateRequest::id, this::updateOne);
    }

    private WriteResult updateOne(UpdateRequest request) {
        String id = request.id();
        String path = PowerOfficeReader.pathOf(type, id);
        if (path == null) {
            return failed(WriteOperation.UPDATE, id, ErrorKind.NOT_FOUND, null, null, "not an id of a " + type.typeName);
        }
        ArrayNode patch;
        try {
            patch = mapper.patch(type, request, true);
        } catch (FieldProblem p) {
            return failed(WriteOperation.UPDATE, id, ErrorKind.PERMANENT, p.field(), null, p.getMessage());
        }
        if (patch.isEmpty()) {
            return WriteResult.ok(id, id, null);
        }
        ApiResponse response = sendPatch(id, path, patch);
        if (response.status() == 400 && RecordMapper.touchesAddress(request) && !addressExists(id, path)) {
            try {
                response = sendPatch(id, path, mapper.patch(type, request, false));
            } catch (FieldProblem p) {
                return failed(WriteOperation.UPDATE, id, ErrorKind.PERMANENT, p.field(), null, p.getMessage());
            }
        }
        if (response.status() == 200 || response.status() == 204) {
            SourceRecord readBack = null;
            try {
                JsonNode dto = client.parse(response, "update " + type.typeName, id);
                if (dto != null && dto.isObject() && RecordMapper.idOf(type, dto) != null) {
                    readBack = mapper.toRecord(type, dto, null);
                }
            } catch (ConnectorException unreadable) {
                // applied; the engine reads the record again later
            }
            return WriteResult.ok(id, id, readBack);
        }
        return failed(WriteOperation.UPDATE, id, response, ProblemDetails.parse(response.body(), client.mapper()));
    }

    private ApiResponse sendPatch(String id, String path, ArrayNode patch) {
        return client.send(new ApiRequest("update " + type.typeName, id, "PATCH", client.uri(path, Map.of()),
                Map.of("Content-Type", PowerOfficeClient.JSON_PATCH, "Accept", PowerOfficeClient.JSON),
                mapper.bytes(patch), true));
    }

    /** Whether the record has an address object now (true when that cannot be told, so the 400 stands). */
    private boolean addressExists(String id, String path) {
        ApiResponse current = client.send(ApiRequest.get("read " + type.typeName, id, client.uri(path, Map.of())));
        if (current.status() != 200) {
            return true;
        }
        JsonNode dto = client.parse(current, "read " + type.typeName, id);
        JsonNode address = RecordMapper.property(dto, RecordMapper.ADDRESS);
        return address != null && address.isObject();
    }

    // ------------------------------------------------------------------ delete

    @Override
    public List<WriteResult> delete(List<String> ids) {
        return each(ids, WriteOperation.DELETE, id -> id, this::deleteOne);
    }

    private WriteResult deleteOne(String id) {
        String path = PowerOfficeReader.pathOf(type, id);
        if (path == null) {
            return failed(WriteOperation.DELETE, id, ErrorKind.NOT_FOUND, null, null, "not an id of a " + type.typeName);
        }
        ApiResponse response = client.send(new ApiRequest("delete " + type.typeName, id, "DELETE",
                client.uri(path, Map.of()), Map.of("Accept", PowerOfficeClient.JSON), null, true));
        if (response.status() == 200 || response.status() == 204) {
            return WriteResult.ok(id, id, null);
        }
        return failed(WriteOperation.DELETE, id, response, ProblemDetails.parse(response.body(), client.mapper()));
    }

    /**
     * Writes each request, one result per request. A whole-call failure (credentials refused, system unreachable)
     * throws when it hits the first request, as nothing was attempted; after that it fails this and every later
     * request with its kind instead, so the results of the records already written are not lost. A transient
     * failure that outlived the retries fails only its own record.
     */
    private <T> List<WriteResult> each(List<T> requests, WriteOperation op, java.util.function.Function<T, String> keyOf,
                                       java.util.function.Function<T, WriteResult> write) {
        List<WriteResult> results = new ArrayList<>(requests.size());
        ConnectorException stopped = null;
        for (T request : requests) {
            String key = keyOf.apply(request);
            if (stopped != null) {
                results.add(failed(op, key, stopped.kind(), null, null, "not attempted: " + stopped.getMessage()));
                continue;
            }
            try {
                results.add(write.apply(request));
            } catch (ConnectorException e) {
                if (e.kind() == ErrorKind.UNAVAILABLE) {
                    if (results.isEmpty()) {
                        throw e;
                    }
                    stopped = e;
                }
                results.add(failed(op, key, e.kind(), null, null, e.getMessage()));
            }
        }
        return results;
    }

    // ------------------------------------------------------------------ lookup

    /** Customers: {@code ExternalImportReference}; contact persons: {@code ExternalCode}; departments: none (by Name). */
    @Override
    public Optional<String> idempotencyKeyField() {
        return Optional.ofNullable(type.keyField);
    }

    @Override
    public Optional<SourceRecord> findCreated(CreateRequest request, Instant notBefore) {
        if (notBefore != null) {
            lag.awaitReadsShowing(notBefore, PowerOfficeConnector.SYSTEM);   // the create was sent right after notBefore
        }
        return lookUp(request, notBefore);
    }

    /** The record a create made, looked for now (the caller has waited out the replica lag). */
    private Optional<SourceRecord> lookUp(CreateRequest request, Instant notBefore) {
        if (type.keyField != null) {
            return findByKey(request.idempotencyKey());
        }
        String name = request.fields().get("Name");
        if (name == null) {
            throw new ConnectorException(ErrorKind.PERMANENT, PowerOfficeConnector.SYSTEM,
                    "find created " + type.typeName + " " + request.idempotencyKey() + ": no Name to look it up by");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("name", name);
        if (notBefore != null) {
            query.put("createdDateTimeOffsetGreaterThan", notBefore.minusNanos(1).toString());
        }
        query.put("PageSize", Integer.toString(PowerOfficeSettings.MAX_PAGE_SIZE));
        List<SourceRecord> matches = new ArrayList<>();
        for (JsonNode row : client.listPage(type, query, "find created " + type.typeName + " " + request.idempotencyKey())) {
            SourceRecord r = mapper.toRecord(type, row, null);
            if (name.equals(r.field("Name"))) {
                matches.add(r);
            }
        }
        return single(matches, request.idempotencyKey(), "Name '" + name + "'");
    }

    private Optional<SourceRecord> findByKey(String key) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(type.keyFilter, key);
        List<SourceRecord> matches = new ArrayList<>();
        for (JsonNode row : client.listPage(type, query, "find created " + type.typeName + " " + key)) {
            SourceRecord r = mapper.toRecord(type, row, null);
            if (key.equals(r.field(type.keyField))) {
                matches.add(r);
            }
        }
        return single(matches, key, type.keyField + " '" + key + "'");
    }

    private Optional<SourceRecord> single(List<SourceRecord> matches, String key, String what) {
        if (matches.size() > 1) {
            throw new ConnectorException(ErrorKind.PERMANENT, PowerOfficeConnector.SYSTEM, "find created " + type.typeName
                    + " " + key + ": " + matches.size() + " records have " + what + " (ids "
                    + matches.stream().map(SourceRecord::id).toList() + "); not choosing one");
        }
        return matches.stream().findFirst();
    }

    // ------------------------------------------------------------------ errors

    private WriteResult failed(WriteOperation op, String record, ApiResponse response, ProblemDetails problem) {
        int status = response.status();
        ErrorKind kind = status == 404 ? ErrorKind.NOT_FOUND
                : HttpCaller.isRetryableStatus(status) ? ErrorKind.RETRYABLE
                : ErrorKind.PERMANENT;
        String message = problem.message("HTTP " + status);
        if (kind == ErrorKind.RETRYABLE) {
            message += " (still failing after the connector's retries)";
        }
        return failed(op, record, kind, problem.fieldIn(type), String.valueOf(status), message);
    }

    private WriteResult failed(WriteOperation op, String record, ErrorKind kind, String field, String code, String message) {
        return WriteResult.failed(record, new WriteError(kind, PowerOfficeConnector.SYSTEM, op, record, field, code,
                type.typeName + ": " + message));
    }
}
