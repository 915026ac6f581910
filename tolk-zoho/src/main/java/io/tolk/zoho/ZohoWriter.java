package io.tolk.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;
import io.tolk.api.http.ApiResponse;
import io.tolk.api.http.ReplicaLag;
import io.tolk.api.http.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes one Zoho module in batches of up to 100 records a call, with one result per request in request order.
 *
 * <h2>Results</h2>
 * Zoho answers 201 (one record), 202 (several), 207 (mixed) or 400 (all failed) with one item per record; each
 * item becomes a {@link WriteResult} (errors mapped by {@link ZohoErrors}). A request-level error (no items)
 * fails every record of the call with that error. 429 and 5xx after {@code HttpCaller}'s retries fail every record
 * as {@link ErrorKind#RETRYABLE}; credentials refused or credits spent throw.
 *
 * <h2>Creates with an unknown outcome</h2>
 * When the connection is cut after a create was sent ({@link ErrorKind#UNKNOWN_OUTCOME}), the batch is never simply
 * sent again. Once Zoho's reads can show the write ({@link #READ_LAG} after the lost answer), every request of it
 * is looked up ({@link #findCreated}); those found succeed with the record found (its
 * values and Modified_Time as read, so a later edit of it is not taken for the create's echo), those
 * that are certainly missing are sent once more, and those that cannot be told apart (several candidates) fail as
 * {@link ErrorKind#UNKNOWN_OUTCOME} for a person to decide. The lookup lists records created at or after the attempt
 * ({@code sort_by=Created_Time&sort_order=desc}) and matches them by the configured external-id field, where the
 * idempotency key is stored, or else by the match keys (Accounts: {@code Account_Name}; Contacts: {@code Email},
 * else {@code Last_Name} + {@code First_Name}). No upsert is used for this: an upsert on a name or e-mail could merge
 * the new record into an unrelated existing one. With an external-id field, a re-sent create that Zoho refuses as
 * {@code DUPLICATE_DATA} on that field is the earlier create's record, and succeeds with its id. Before its first
 * use in a module the field is checked in the field metadata (exists, unique, text of 50 characters); if it is not
 * fit, {@link #create} and {@link #findCreated} throw {@link ErrorKind#UNAVAILABLE} naming the module and the field.
 *
 * <h2>Automation</h2>
 * {@code "trigger"} is {@link ZohoSettings#triggers()} (empty by default: no workflows run for the sync's writes);
 * deletes always say {@code wf_trigger} (Zoho's default is true): {@code true} only when {@code "workflow"} is among
 * the configured triggers.
 */
final class ZohoWriter implements RecordWriter {

    static final int MAX_BATCH = 100;
    /** Zoho's Created_Time has whole seconds, and its clock is not ours: look this far before the attempt. */
    static final Duration CLOCK_ALLOWANCE = Duration.ofSeconds(5);
    /**
     * How long after a write Zoho's reads are taken to show it. Zoho documents no replica lag, but a lookup that
     * misses a record created a moment ago sends the create again, so a "not created" is only concluded from a read
     * this long after the write could last have been applied (PowerOffice, on the same kind of platform, advises
     * waiting 1–2 s).
     */
    static final Duration READ_LAG = Duration.ofSeconds(2);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ZohoType type;
    private final ZohoApi api;
    private final FieldMetadata metadata;
    private final ZohoSettings settings;
    private final Clock clock;
    private final ReplicaLag lag;
    /** Whether the external-id field was found fit for this module (checked once, before its first use). */
    private volatile boolean externalIdFieldVerified;

    ZohoWriter(ZohoType type, ZohoApi api, FieldMetadata metadata, ZohoSettings settings, Clock clock, Sleeper sleeper) {
        this.type = type;
        this.api = api;
        this.metadata = metadata;
        this.settings = settings;
        this.clock = clock;
        this.lag = new ReplicaLag(READ_LAG, clock, sleeper);
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    /** 1 credit per call, and for inserts and updates 1 per started 10 records. */
    @Override
    public long creditCost(WriteOperation operation, int records) {
        return operation == WriteOperation.DELETE ? 1 : CreditBudget.costOfWrite(records);
    }

    @Override
    public List<WriteResult> create(List<CreateRequest> requests) {
        checkSize(requests.size());
        if (requests.isEmpty()) {
            return List.of();
        }
        verifyExternalIdField();
        Instant attempt = clock.instant();
        try {
            return createOnce(requests);
        } catch (ConnectorException e) {
            if (e.kind() != ErrorKind.UNKNOWN_OUTCOME) {
                throw e;
            }
            return resolveUnknown(requests, attempt, e);
        }
    }

    private List<WriteResult> createOnce(List<CreateRequest> requests) {
        String ext = settings.externalIdField();
        Map<String, FieldRule> rules = rules();
        ArrayNode data = JSON.arrayNode();
        List<String> keys = new ArrayList<>();
        for (CreateRequest r : requests) {
            ObjectNode rec = RecordMapper.toJson(type, r.fields(), true, rules);
            if (ext != null && !rec.hasNonNull(ext)) {
                rec.put(ext, r.idempotencyKey());
            }
            data.add(rec);
            keys.add(r.idempotencyKey());
        }
        ApiResponse response = api.send("create " + type, describe(keys), "POST", type.module(), null,
                body(data), false, CreditBudget.costOfWrite(requests.size()));
        return results(response, keys, WriteOperation.CREATE);
    }

    /** Looks up every request of a batch whose answer was lost, and re-sends only those certainly not created. */
    private List<WriteResult> resolveUnknown(List<CreateRequest> requests, Instant attempt, ConnectorException cause) {
        Map<String, Lookup> found;
        try {
            lag.awaitReadsShowing(clock.instant(), "zoho");   // the lost answer came after the write, if it was applied
            found = lookUp(requests, attempt);
        } catch (ConnectorException e) {
            List<WriteResult> out = new ArrayList<>();
            for (CreateRequest r : requests) {
                out.add(WriteResult.failed(r.idempotencyKey(), new WriteError(ErrorKind.UNKNOWN_OUTCOME, "zoho",
                        WriteOperation.CREATE, r.idempotencyKey(), null, null, cause.getMessage()
                        + "; looking it up failed too: " + e.getMessage())));
            }
            return out;
        }
        List<CreateRequest> missing = new ArrayList<>();
        for (CreateRequest r : requests) {
            if (found.get(r.idempotencyKey()).state() == LookupState.MISSING) {
                missing.add(r);
            }
        }
        Map<String, WriteResult> resent = new HashMap<>();
        if (!missing.isEmpty()) {
            List<WriteResult> again;
            try {
                again = createOnce(missing);
            } catch (ConnectorException e) {
                if (e.kind() != ErrorKind.UNKNOWN_OUTCOME) {
                    throw e;
                }
                again = new ArrayList<>();
                for (CreateRequest r : missing) {
                    again.add(WriteResult.failed(r.idempotencyKey(), new WriteError(ErrorKind.UNKNOWN_OUTCOME, "zoho",
                            WriteOperation.CREATE, r.idempotencyKey(), null, null, e.getMessage())));
                }
            }
            for (int i = 0; i < missing.size(); i++) {
                resent.put(missing.get(i).idempotencyKey(), again.get(i));
            }
        }
        List<WriteResult> out = new ArrayList<>();
        for (CreateRequest r : requests) {
            String key = r.idempotencyKey();
            Lookup l = found.get(key);
            switch (l.state()) {
                // handed back as read (values and Modified_Time), so a later edit is not taken for this create's echo
                case FOUND -> out.add(WriteResult.ok(key, l.record().id(), l.record()));
                case MISSING -> out.add(resent.get(key));
                default -> out.add(WriteResult.failed(key, new WriteError(ErrorKind.UNKNOWN_OUTCOME, "zoho",
                        WriteOperation.CREATE, key, null, null, cause.getMessage() + "; " + l.problem())));
            }
        }
        return out;
    }

    @Override
    public List<WriteResult> update(List<UpdateRequest> requests) {
        checkSize(requests.size());
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<String, FieldRule> rules = rules();
        ArrayNode data = JSON.arrayNode();
        List<String> keys = new ArrayList<>();
        for (UpdateRequest r : requests) {
            ObjectNode rec = JSON.objectNode().put("id", r.id());
            rec.setAll(RecordMapper.toJson(type, r.fields(), false, rules));
            data.add(rec);
            keys.add(r.id());
        }
        ApiResponse response = api.send("update " + type, describe(keys), "PUT", type.module(), null, body(data), true,
                CreditBudget.costOfWrite(requests.size()));
        return results(response, keys, WriteOperation.UPDATE);
    }

    @Override
    public List<WriteResult> delete(List<String> ids) {
        checkSize(ids.size());
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("ids", String.join(",", ids));
        q.put("wf_trigger", String.valueOf(settings.triggers().contains("workflow"))); // Zoho's default is true
        ApiResponse response = api.send("delete " + type, describe(ids), "DELETE", type.module(), q, null, true, 1);
        return results(response, ids, WriteOperation.DELETE);
    }

    @Override
    public Optional<SourceRecord> findCreated(CreateRequest request, Instant notBefore) {
        verifyExternalIdField();
        lag.awaitReadsShowing(notBefore, "zoho");   // the create was sent right after notBefore
        Lookup l = lookUp(List.of(request), notBefore).get(request.idempotencyKey());
        return switch (l.state()) {
            case FOUND -> Optional.of(l.record());
            case MISSING -> Optional.empty();
            default -> throw new ConnectorException(ErrorKind.UNKNOWN_OUTCOME, "zoho", "find created " + type + " "
                    + request.idempotencyKey() + ": " + l.problem());
        };
    }

    /** The configured external-id field, when there is one; without it a create is found by its match keys only. */
    @Override
    public Optional<String> idempotencyKeyField() {
        return Optional.ofNullable(settings.externalIdField());
    }

    /**
     * Before the configured external-id field is first written or searched in this module: checks it exists, is
     * unique text and long enough ({@link FieldMetadata#verifyExternalIdField}), so a misconfigured field fails the
     * call with an error naming the module and the field instead of failing each record, or worse, finding nothing.
     */
    private void verifyExternalIdField() {
        String ext = settings.externalIdField();
        if (ext == null || externalIdFieldVerified) {
            return;
        }
        metadata.verifyExternalIdField(type, ext);
        externalIdFieldVerified = true;
    }

    private enum LookupState { FOUND, MISSING, AMBIGUOUS }

    private record Lookup(LookupState state, SourceRecord record, String problem) {
    }

    /**
     * Lists the records created at or after {@code notBefore} (newest first, stopping at the first older one) and
     * finds each request among them.
     */
    private Map<String, Lookup> lookUp(List<CreateRequest> requests, Instant notBefore) {
        String ext = settings.externalIdField();
        Set<String> wanted = new LinkedHashSet<>();
        if (ext != null) {
            wanted.add(ext);
        }
        type.matchKeys().forEach(wanted::addAll);
        wanted.add("Created_Time");
        // the record found is handed back as the create's outcome: carry what the requests wrote, as far as one call can
        for (CreateRequest r : requests) {
            for (String path : r.fields().keySet()) {
                int dot = path.indexOf('.');
                String top = dot < 0 ? path : path.substring(0, dot);
                if (wanted.contains(top) || wanted.size() < RecordMapper.MAX_FIELDS - 2) {   // fieldsParam adds Modified_Time and Modified_By
                    wanted.add(top);
                }
            }
        }
        String op = "look up created " + type;
        Instant from = notBefore.minus(CLOCK_ALLOWANCE);
        List<SourceRecord> recent = new ArrayList<>();
        String token = null;
        outer:
        while (true) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("fields", RecordMapper.fieldsParam(type, wanted, op));
            q.put("sort_by", "Created_Time");
            q.put("sort_order", "desc");
            q.put("per_page", String.valueOf(ZohoReader.PER_PAGE));
            if (token != null) {
                q.put("page_token", token);
            }
            ApiResponse r = api.get(op, null, type.module(), q, null);
            if (r.status() == 204 || r.status() == 304) {
                break;
            }
            if (r.status() != 200) {
                throw api.failure(r, op);
            }
            JsonNode body = api.json(r, op);
            for (JsonNode rec : api.records(body, r, op)) {
                Instant created = ZohoTime.parse(rec.path("Created_Time").asText(null));
                if (created != null && created.isBefore(from)) {
                    break outer;
                }
                recent.add(RecordMapper.toSource(type, rec));
            }
            JsonNode info = body.path("info");
            token = info.path("next_page_token").asText(null);
            if (!info.path("more_records").asBoolean(false) || token == null) {
                break;
            }
        }
        Map<String, Lookup> out = new LinkedHashMap<>();
        Map<String, Integer> claims = new HashMap<>();
        Map<String, List<SourceRecord>> candidates = new LinkedHashMap<>();
        for (CreateRequest req : requests) {
            List<SourceRecord> c = new ArrayList<>();
            List<String> keyFields = keyFields(req);
            for (SourceRecord s : recent) {
                if (matches(req, s, keyFields)) {
                    c.add(s);
                }
            }
            candidates.put(req.idempotencyKey(), c);
            c.forEach(s -> claims.merge(s.id(), 1, Integer::sum));
        }
        for (CreateRequest req : requests) {
            List<SourceRecord> c = candidates.get(req.idempotencyKey());
            if (c.isEmpty()) {
                out.put(req.idempotencyKey(), new Lookup(LookupState.MISSING, null, null));
            } else if (c.size() == 1 && claims.get(c.get(0).id()) == 1) {
                out.put(req.idempotencyKey(), new Lookup(LookupState.FOUND, c.get(0), null));
            } else {
                List<String> ids = c.stream().map(SourceRecord::id).toList();
                out.put(req.idempotencyKey(), new Lookup(LookupState.AMBIGUOUS, null, "records " + ids + " created since "
                        + from + " all match " + keyFields(req) + " (or match another request of the batch); not choosing"));
            }
        }
        return out;
    }

    private List<String> keyFields(CreateRequest req) {
        if (settings.externalIdField() != null) {
            return List.of(settings.externalIdField());
        }
        for (List<String> keys : type.matchKeys()) {
            if (keys.stream().allMatch(k -> !blank(req.fields().get(k)))) {
                return keys;
            }
        }
        return type.matchKeys().get(type.matchKeys().size() - 1);
    }

    private boolean matches(CreateRequest req, SourceRecord s, List<String> keyFields) {
        String ext = settings.externalIdField();
        if (ext != null) {
            String sent = req.fields().get(ext);
            String key = blank(sent) ? req.idempotencyKey() : sent;
            return key.equals(s.field(ext));
        }
        boolean any = false;
        for (String k : keyFields) {
            String want = norm(req.fields().get(k));
            if (!Objects.equals(want, norm(s.field(k)))) {
                return false;
            }
            any |= want != null;
        }
        return any;
    }

    private List<WriteResult> results(ApiResponse response, List<String> keys, WriteOperation operation) {
        String op = operation.name().toLowerCase(Locale.ROOT) + " " + type;
        JsonNode body = api.tryJson(response);
        JsonNode items = body == null ? null : body.get("data");
        List<WriteResult> out = new ArrayList<>();
        if (items != null && items.isArray() && items.size() == keys.size()) {
            for (int i = 0; i < keys.size(); i++) {
                out.add(result(items.get(i), keys.get(i), operation));
            }
            return out;
        }
        if (response.isSuccess()) {
            ErrorKind kind = ErrorKind.RETRYABLE;
            String msg = "HTTP " + response.status() + " without one result per record ("
                    + (items == null ? "no data" : items.size() + " results for " + keys.size() + " records") + ")";
            if (operation == WriteOperation.CREATE) {
                kind = ErrorKind.UNKNOWN_OUTCOME;
            }
            for (String k : keys) {
                out.add(WriteResult.failed(k, new WriteError(kind, "zoho", operation, k, null, null, msg)));
            }
            return out;
        }
        ConnectorException failure = api.failure(response, op);
        String field = body == null ? null : body.path("details").path("api_name").asText(null);
        String code = api.code(response);
        for (String k : keys) {
            ErrorKind kind = failure.kind() == ErrorKind.NOT_FOUND && operation == WriteOperation.CREATE
                    ? ErrorKind.PERMANENT : failure.kind();
            out.add(WriteResult.failed(k, new WriteError(kind, "zoho", operation, k, field,
                    code.isEmpty() ? String.valueOf(response.status()) : code, failure.getMessage())));
        }
        return out;
    }

    private WriteResult result(JsonNode item, String key, WriteOperation operation) {
        if ("success".equals(item.path("status").asText())) {
            String id = item.path("details").path("id").asText(null);
            if (operation == WriteOperation.CREATE && (id == null || id.isBlank())) {
                // applied, but which record it made is unknown: linking the idempotency key instead would leave
                // the new record unknown to tolk, to be matched or created again
                return WriteResult.failed(key, new WriteError(ErrorKind.UNKNOWN_OUTCOME, "zoho", operation, key, null, null,
                        "the answer reports success without the new record's id; the record was probably created"));
            }
            Instant modified = null;
            try {
                modified = ZohoTime.parse(item.path("details").path("Modified_Time").asText(null));
            } catch (IllegalArgumentException unreadable) {
                // no instant: the engine then treats the next read of the record within its echo window
            }
            return WriteResult.okAt(key, id == null ? key : id, modified);
        }
        String ext = settings.externalIdField();
        JsonNode details = item.path("details");
        if (operation == WriteOperation.CREATE && ext != null && "DUPLICATE_DATA".equals(item.path("code").asText())
                && ext.equals(details.path("api_name").asText())) {
            String existing = details.path("duplicate_record").path("id").asText(details.path("id").asText(null));
            if (existing != null) {
                return WriteResult.ok(key, existing, null); // an earlier attempt of this very create made it
            }
        }
        return WriteResult.failed(key, ZohoErrors.fromItem(item, operation, key));
    }

    private ObjectNode body(ArrayNode data) {
        ObjectNode body = JSON.objectNode();
        body.set("data", data);
        ArrayNode trigger = body.putArray("trigger");
        settings.triggers().forEach(trigger::add);
        return body;
    }

    private Map<String, FieldRule> rules() {
        try {
            return metadata.rules(type);
        } catch (ConnectorException e) {
            return Map.of(); // values go as text; Zoho names any field it refuses
        }
    }

    private void checkSize(int n) {
        if (n > MAX_BATCH) {
            throw new IllegalArgumentException("zoho: at most " + MAX_BATCH + " records per call, got " + n);
        }
    }

    private static String describe(List<String> keys) {
        return keys.size() == 1 ? keys.get(0) : keys.size() + " records from " + keys.get(0);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String norm(String s) {
        return blank(s) ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
