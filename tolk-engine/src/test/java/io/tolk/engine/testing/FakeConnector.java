package io.tolk.engine.testing;

import io.tolk.api.ApiUsage;
import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.ConnectorException;
import io.tolk.api.CreateRequest;
import io.tolk.api.DeletedFeed;
import io.tolk.api.DeletedPage;
import io.tolk.api.FieldIssue;
import io.tolk.api.FieldMarker;
import io.tolk.api.Deletion;
import io.tolk.api.ErrorKind;
import io.tolk.api.FieldRule;
import io.tolk.api.PageSink;
import io.tolk.api.ReadSummary;
import io.tolk.api.RecordReader;
import io.tolk.api.RecordRef;
import io.tolk.api.RecordWriter;
import io.tolk.api.SourceRecord;
import io.tolk.api.UpdateRequest;
import io.tolk.api.WriteError;
import io.tolk.api.WriteOperation;
import io.tolk.api.WriteResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * An in-memory system for engine tests: holds records, applies writes, counts them. Modification instants come from
 * the given clock, truncated to the resolution; tests edit records "as a user" with {@link #edit}.
 *
 * <p>Two presets: {@link #poweroffice(Clock)} (full scans, writes read back, ids from 1001, 1 ms resolution,
 * {@code ExternalImportReference} holds the idempotency key) and {@link #zoho(Clock)} (incremental reads with a
 * checkpoint, a deleted feed with recycle bin, no read-back, 1 s resolution, ids from 9001).
 */
public final class FakeConnector implements Connector {

    /** One write the fake received. */
    public record Write(WriteOperation operation, String type, String id, Map<String, String> fields) {
    }

    private static final class Stored {
        Map<String, String> fields;
        Instant modifiedAt;
        Map<String, String> previous;
        Instant previousModifiedAt;
        String idempotencyKey;
        Map<String, Instant> fieldModifiedAt = new HashMap<>();

        Stored(Map<String, String> fields, Instant modifiedAt) {
            this.fields = fields;
            this.modifiedAt = modifiedAt;
        }
    }

    private final String system;
    private final Clock clock;
    private final Duration resolution;
    private final boolean incremental;
    private final boolean readsBack;
    private final Map<String, TreeMap<String, Stored>> data = new LinkedHashMap<>();
    private final Map<String, TreeMap<String, Stored>> recycleBin = new HashMap<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private final Map<String, Map<String, FieldRule>> rules = new HashMap<>();
    private final Map<String, String> rejected = new HashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private long nextId;
    private int maxBatchSize = 100;
    private volatile int requestsPerHttpCall;   // 0: the whole call is one request
    private volatile Runnable beforeEachWrite = () -> { };
    private BiFunction<String, String, String> normaliser = (field, value) -> value;
    private boolean staleReads;
    private int unknownOutcomes;
    private boolean crashAfterCreate;
    private WriteOperation crashAfter;
    private boolean failLookups;
    private boolean failRules;
    private boolean answersModifiedAt;
    private final Map<String, FieldMarker> softDeletes = new HashMap<>();
    private final Map<String, FieldMarker> inactive = new HashMap<>();
    private final Map<String, Map<String, FieldRule>> fallback = new HashMap<>();
    private java.util.function.BiFunction<Map<String, String>, Boolean, List<FieldIssue>> precheck;

    public FakeConnector(String system, Set<String> types, Clock clock, Duration resolution, boolean incremental,
                         boolean readsBack, long firstId) {
        this.system = system;
        this.clock = clock;
        this.resolution = resolution;
        this.incremental = incremental;
        this.readsBack = readsBack;
        this.nextId = firstId;
        types.forEach(t -> data.put(t, new TreeMap<>()));
    }

    /**
     * Like PowerOffice: full scans, writes read back, ids from 1001, 1 ms resolution, {@code ExternalImportReference}
     * holds the idempotency key; customers are archived ({@code IsArchived}) and departments deactivated
     * ({@code IsActive}) instead of deleted; an archived customer is inactive; an address needs City and ZipCode.
     */
    public static FakeConnector poweroffice(Clock clock) {
        FakeConnector c = new FakeConnector("poweroffice", Set.of("CompanyCustomer", "PersonCustomer", "Department"), clock,
                Duration.ofMillis(1), false, true, 1001);
        for (String customer : List.of("CompanyCustomer", "PersonCustomer")) {
            c.softDeletes.put(customer, FieldMarker.of("IsArchived", "true"));
            c.inactive.put(customer, FieldMarker.of("IsArchived", "true"));
        }
        c.softDeletes.put("Department", FieldMarker.of("IsActive", "false"));
        c.precheck = (fields, create) -> {
            List<FieldIssue> out = new ArrayList<>();
            boolean address = fields.entrySet().stream()
                    .anyMatch(e -> e.getKey().startsWith("MailAddress.") && e.getValue() != null && !e.getValue().isBlank());
            if (create && address) {
                for (String needed : List.of("MailAddress.City", "MailAddress.ZipCode")) {
                    if (fields.get(needed) == null || fields.get(needed).isBlank()) {
                        out.add(new FieldIssue(needed, "PowerOffice address needs " + needed));
                    }
                }
            }
            return out;
        };
        return c;
    }

    /**
     * Like Zoho: incremental reads with a checkpoint, a deleted feed with recycle bin, no read-back but the write
     * answer's modification instant, 1 s resolution, ids from 9001; without field metadata only the mandatory Account_Name and Last_Name are known.
     */
    public static FakeConnector zoho(Clock clock) {
        FakeConnector c = new FakeConnector("zoho", Set.of("Accounts", "Contacts"), clock, Duration.ofSeconds(1), true, false, 9001);
        c.answersModifiedAt = true;
        c.fallback.put("Accounts", Map.of("Account_Name", new FieldRule("Account_Name", 0, true, "text")));
        c.fallback.put("Contacts", Map.of("Last_Name", new FieldRule("Last_Name", 0, true, "text")));
        return c;
    }

    /** A system of the given name and types, like a small CRM: full scans, writes read back, ids from 5001. */
    public static FakeConnector named(String system, Clock clock, String... types) {
        return new FakeConnector(system, Set.of(types), clock, Duration.ofMillis(1), false, true, 5001);
    }

    /** Write answers carry the record's new modification instant (as Zoho's do), though not its values. */
    public synchronized FakeConnector answersModifiedAt(boolean on) {
        this.answersModifiedAt = on;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ test controls

    /** Adds or replaces a record as a user would, modified now. {@code kv}: field, value, field, value... */
    public synchronized String put(String type, String id, String... kv) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            fields.put(kv[i], kv[i + 1]);
        }
        data.get(type).put(id, new Stored(fields, now()));
        return id;
    }

    /**
     * Changes one field as a user would, modified now; an edit always comes after the record's last change, so when the
     * clock has not moved since, it is stamped one time unit later (a later edit never carries the same instant).
     */
    public synchronized void edit(String type, String id, String field, String value) {
        Stored s = require(type, id);
        Instant at = now();
        if (s.modifiedAt != null && !at.isAfter(s.modifiedAt)) {
            at = s.modifiedAt.plus(resolution);
        }
        editAt(type, id, field, value, at);
    }

    /** Changes one field as a user would, modified at the given instant (truncated to the resolution). */
    public synchronized void editAt(String type, String id, String field, String value, Instant at) {
        Stored s = require(type, id);
        Map<String, String> f = new LinkedHashMap<>(s.fields);
        f.put(field, value);
        s.fields = f;
        s.modifiedAt = truncate(at);
    }

    /**
     * Changes one field whose modification instant is its own (PowerOffice addresses): the record's instant stays;
     * every field given in {@code group} gets {@code at} as its instant.
     */
    public synchronized void editOwnInstant(String type, String id, String field, String value, Instant at, String... group) {
        Stored s = require(type, id);
        Map<String, String> f = new LinkedHashMap<>(s.fields);
        f.put(field, value);
        s.fields = f;
        s.fieldModifiedAt.put(field, truncate(at));
        for (String g : group) {
            s.fieldModifiedAt.put(g, truncate(at));
        }
    }

    /**
     * Moves a record to another type under the same id, as PowerOffice does when a customer's {@code IsPerson}
     * changes: lists of the old type no longer show it, a lookup by id through the old type's reader finds it under
     * its new type.
     */
    public synchronized void moveType(String fromType, String toType, String id, String... kv) {
        Stored s = data.get(fromType).remove(id);
        Map<String, String> f = new LinkedHashMap<>(s.fields);
        for (int i = 0; i < kv.length; i += 2) {
            f.put(kv[i], kv[i + 1]);
        }
        data.get(toType).put(id, new Stored(f, now()));
    }

    /** Deletes a record as a user would (to the recycle bin, reported by the deleted feed). */
    public synchronized void delete(String type, String id) {
        Stored s = data.get(type).remove(id);
        recycleBin.computeIfAbsent(type, x -> new TreeMap<>()).put(id, s);
        deletions.add(new Deletion(new RecordRef(system, type, id), now(), true));
    }

    /** Brings a deleted record back with the same id, modified now. */
    public synchronized void restore(String type, String id) {
        Stored s = recycleBin.get(type).remove(id);
        s.modifiedAt = now();
        data.get(type).put(id, s);
    }

    public synchronized Map<String, String> fields(String type, String id) {
        return Map.copyOf(withoutNulls(require(type, id).fields));
    }

    public synchronized String field(String type, String id, String field) {
        return require(type, id).fields.get(field);
    }

    public synchronized List<String> ids(String type) {
        return List.copyOf(data.get(type).keySet());
    }

    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    public synchronized void clearWrites() {
        writes.clear();
    }

    public synchronized long writeCount() {
        return writes.size();
    }

    /** The system turns written values into its own form (e.g. trims, formats). */
    public synchronized void normaliseWith(BiFunction<String, String, String> f) {
        this.normaliser = f;
    }

    /** Reads return each record as it was before its last write by tolk (a lagging replica). */
    public synchronized void staleReads(boolean on) {
        this.staleReads = on;
    }

    /** The next {@code n} creates are applied, but answer UNKNOWN_OUTCOME (connection cut after sending). */
    public synchronized void unknownOutcomes(int n) {
        this.unknownOutcomes = n;
    }

    /** The next create call applies its records and then throws, as if the process died before hearing back. */
    public synchronized void crashAfterCreate() {
        this.crashAfterCreate = true;
    }

    /**
     * The next update or delete call ({@code operation}) is applied, then the process "crashes" before its answer is
     * recorded (the call throws an unchecked exception, which ends the cycle).
     */
    public synchronized void crashAfter(WriteOperation operation) {
        this.crashAfter = operation;
    }

    private void crashIfAsked(WriteOperation operation) {
        if (crashAfter == operation) {
            crashAfter = null;
            throw new IllegalStateException("simulated crash after " + operation.name().toLowerCase());
        }
    }

    /** {@code readByIds} fails with a transient error (the system hiccups). */
    public synchronized void failLookups(boolean on) {
        this.failLookups = on;
    }

    /** {@code fieldRules} fails with a transient error (the metadata call keeps failing). */
    public synchronized void failRules(boolean on) {
        this.failRules = on;
    }

    /** Writes that set {@code field} are refused with {@code message} (PERMANENT). */
    public synchronized void reject(String field, String message) {
        rejected.put(field, message);
    }

    public synchronized void accept(String field) {
        rejected.remove(field);
    }

    public synchronized void rules(String type, FieldRule... fieldRules) {
        Map<String, FieldRule> m = new LinkedHashMap<>();
        for (FieldRule r : fieldRules) {
            m.put(r.field(), r);
        }
        rules.put(type, m);
    }

    public synchronized void maxBatchSize(int n) {
        this.maxBatchSize = n;
    }

    /** How many requests of a call the writer says go in one HTTP request (as PowerOffice's 1). */
    public void requestsPerHttpCall(int n) {
        this.requestsPerHttpCall = n;
    }

    /** Runs before every create and update call (on the writing thread, holding nothing), e.g. to wait for another. */
    public void beforeEachWrite(Runnable hook) {
        this.beforeEachWrite = hook == null ? () -> { } : hook;
    }

    // ------------------------------------------------------------------------------------------------ Connector

    @Override
    public String system() {
        return system;
    }

    @Override
    public Set<String> types() {
        return data.keySet();
    }

    @Override
    public RecordReader reader(String type) {
        requireType(type);
        return new RecordReader() {
            @Override
            public ReadSummary readAll(Set<String> fields, PageSink sink) {
                return read(type, null, sink);
            }

            @Override
            public ReadSummary readChanges(Checkpoint since, Set<String> fields, PageSink sink) {
                if (!incremental || since.isNone()) {
                    return read(type, null, sink);
                }
                return read(type, Instant.parse(since.value()).minus(resolution), sink);
            }

            @Override
            public List<SourceRecord> readByIds(Collection<String> ids, Set<String> fields) {
                synchronized (FakeConnector.this) {
                    calls.incrementAndGet();
                    if (failLookups) {
                        throw new ConnectorException(ErrorKind.RETRYABLE, system, "GET " + type + " by ids: 503 after retries");
                    }
                    List<SourceRecord> out = new ArrayList<>();
                    for (String id : ids) {
                        Stored s = data.get(type).get(id);
                        if (s != null) {
                            out.add(record(type, id, s));
                            continue;
                        }
                        for (Map.Entry<String, TreeMap<String, Stored>> other : data.entrySet()) {
                            Stored moved = other.getValue().get(id);
                            if (moved != null) {
                                out.add(record(other.getKey(), id, moved));
                            }
                        }
                    }
                    return out;
                }
            }
        };
    }

    private synchronized ReadSummary read(String type, Instant since, PageSink sink) {
        calls.incrementAndGet();
        List<SourceRecord> page = new ArrayList<>();
        for (Map.Entry<String, Stored> e : data.get(type).entrySet()) {
            if (since == null || !e.getValue().modifiedAt.isBefore(since)) {
                page.add(record(type, e.getKey(), e.getValue()));
            }
        }
        if (!page.isEmpty()) {
            sink.accept(page);
        }
        Checkpoint next = incremental ? new Checkpoint(clock.instant().toString()) : Checkpoint.NONE;
        return new ReadSummary(page.size(), page.isEmpty() ? 0 : 1, since == null, next);
    }

    private SourceRecord record(String type, String id, Stored s) {
        boolean stale = staleReads && s.previous != null;
        Map<String, String> f = new LinkedHashMap<>(stale ? s.previous : s.fields);
        if (s.idempotencyKey != null && "poweroffice".equals(system)) {
            f.put("ExternalImportReference", s.idempotencyKey);
        }
        return new SourceRecord(new RecordRef(system, type, id), f, stale ? s.previousModifiedAt : s.modifiedAt,
                stale ? Map.of() : s.fieldModifiedAt);
    }

    @Override
    public RecordWriter writer(String type) {
        requireType(type);
        return new RecordWriter() {
            @Override
            public int maxBatchSize() {
                return maxBatchSize;
            }

            @Override
            public int requestsPerHttpCall() {
                return requestsPerHttpCall > 0 ? requestsPerHttpCall : maxBatchSize;
            }

            @Override
            public List<WriteResult> create(List<CreateRequest> requests) {
                beforeEachWrite.run();
                synchronized (FakeConnector.this) {
                    calls.incrementAndGet();
                    if (requests.size() > maxBatchSize) {
                        throw new IllegalArgumentException("batch of " + requests.size() + " > " + maxBatchSize);
                    }
                    List<WriteResult> out = new ArrayList<>();
                    for (CreateRequest r : requests) {
                        String bad = refused(r.fields());
                        if (bad != null) {
                            out.add(WriteResult.failed(r.idempotencyKey(), new WriteError(ErrorKind.PERMANENT, system,
                                    WriteOperation.CREATE, r.idempotencyKey(), bad, "INVALID_DATA", rejected.get(bad))));
                            continue;
                        }
                        String id = String.valueOf(nextId++);
                        Stored s = new Stored(normalise(withoutNulls(r.fields())), now());
                        s.idempotencyKey = r.idempotencyKey();
                        data.get(type).put(id, s);
                        writes.add(new Write(WriteOperation.CREATE, type, id, r.fields()));
                        if (unknownOutcomes > 0) {
                            unknownOutcomes--;
                            out.add(WriteResult.failed(r.idempotencyKey(), new WriteError(ErrorKind.UNKNOWN_OUTCOME, system,
                                    WriteOperation.CREATE, r.idempotencyKey(), null, null, "connection cut after sending")));
                        } else {
                            out.add(readsBack ? WriteResult.ok(r.idempotencyKey(), id, record(type, id, s))
                                    : answersModifiedAt ? WriteResult.okAt(r.idempotencyKey(), id, s.modifiedAt)
                                    : WriteResult.ok(r.idempotencyKey(), id, null));
                        }
                    }
                    if (crashAfterCreate) {
                        crashAfterCreate = false;
                        throw new IllegalStateException("simulated crash after create");
                    }
                    return out;
                }
            }

            @Override
            public List<WriteResult> update(List<UpdateRequest> requests) {
                beforeEachWrite.run();
                synchronized (FakeConnector.this) {
                    calls.incrementAndGet();
                    List<WriteResult> out = new ArrayList<>();
                    for (UpdateRequest r : requests) {
                        Stored s = data.get(type).get(r.id());
                        String bad = refused(r.fields());
                        if (s == null) {
                            out.add(WriteResult.failed(r.id(), new WriteError(ErrorKind.NOT_FOUND, system,
                                    WriteOperation.UPDATE, r.id(), null, "404", "no such record")));
                            continue;
                        }
                        if (bad != null) {
                            out.add(WriteResult.failed(r.id(), new WriteError(ErrorKind.PERMANENT, system,
                                    WriteOperation.UPDATE, r.id(), bad, "INVALID_DATA", rejected.get(bad))));
                            continue;
                        }
                        s.previous = s.fields;
                        s.previousModifiedAt = s.modifiedAt;
                        Map<String, String> f = new LinkedHashMap<>(s.fields);
                        normalise(r.fields()).forEach(f::put);
                        s.fields = f;
                        s.modifiedAt = now();
                        writes.add(new Write(WriteOperation.UPDATE, type, r.id(), r.fields()));
                        SourceRecord back = readsBack ? new SourceRecord(new RecordRef(system, type, r.id()), s.fields, s.modifiedAt) : null;
                        out.add(back == null && answersModifiedAt ? WriteResult.okAt(r.id(), r.id(), s.modifiedAt)
                                : WriteResult.ok(r.id(), r.id(), back));
                    }
                    crashIfAsked(WriteOperation.UPDATE);
                    return out;
                }
            }

            @Override
            public List<WriteResult> delete(List<String> ids) {
                synchronized (FakeConnector.this) {
                    calls.incrementAndGet();
                    List<WriteResult> out = new ArrayList<>();
                    for (String id : ids) {
                        if (!data.get(type).containsKey(id)) {
                            out.add(WriteResult.failed(id, new WriteError(ErrorKind.NOT_FOUND, system,
                                    WriteOperation.DELETE, id, null, "404", "no such record")));
                            continue;
                        }
                        FakeConnector.this.delete(type, id);
                        writes.add(new Write(WriteOperation.DELETE, type, id, Map.of()));
                        out.add(WriteResult.ok(id, id, null));
                    }
                    crashIfAsked(WriteOperation.DELETE);
                    return out;
                }
            }

            @Override
            public List<FieldIssue> precheck(Map<String, String> fields, boolean create) {
                return precheck == null ? List.of() : precheck.apply(fields, create);
            }

            @Override
            public Optional<SourceRecord> findCreated(CreateRequest request, Instant notBefore) {
                synchronized (FakeConnector.this) {
                    calls.incrementAndGet();
                    for (Map.Entry<String, Stored> e : data.get(type).entrySet()) {
                        if (request.idempotencyKey().equals(e.getValue().idempotencyKey)) {
                            return Optional.of(record(type, e.getKey(), e.getValue()));
                        }
                    }
                    return Optional.empty();
                }
            }
        };
    }

    @Override
    public Duration timeResolution() {
        return resolution;
    }

    @Override
    public void checkAccess() {
    }

    @Override
    public synchronized Map<String, FieldRule> fieldRules(String type) {
        if (failRules) {
            throw new ConnectorException(ErrorKind.RETRYABLE, system, "GET field metadata of " + type + ": 503 after retries");
        }
        return rules.getOrDefault(type, Map.of());
    }

    @Override
    public Map<String, FieldRule> fallbackFieldRules(String type) {
        return fallback.getOrDefault(type, Map.of());
    }

    @Override
    public Optional<FieldMarker> softDelete(String type) {
        return Optional.ofNullable(softDeletes.get(type));
    }

    @Override
    public Optional<FieldMarker> inactive(String type) {
        return Optional.ofNullable(inactive.get(type));
    }

    @Override
    public Optional<DeletedFeed> deletedFeed() {
        if (!incremental) {
            return Optional.empty();
        }
        return Optional.of((type, checkpoint) -> {
            synchronized (FakeConnector.this) {
                calls.incrementAndGet();
                Instant since = checkpoint.isNone() ? null : Instant.parse(checkpoint.value());
                List<Deletion> found = deletions.stream()
                        .filter(d -> d.ref().type().equals(type) && (since == null || !d.deletedAt().isBefore(since)))
                        .toList();
                Instant newest = found.stream().map(Deletion::deletedAt).max(Instant::compareTo).orElse(since);
                return new DeletedPage(found, newest == null ? Checkpoint.NONE : new Checkpoint(newest.toString()));
            }
        });
    }

    @Override
    public ApiUsage usage() {
        return new ApiUsage(system, calls.get(), 0, 0, -1, -1);
    }

    @Override
    public void close() {
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Instant now() {
        return truncate(clock.instant());
    }

    private Instant truncate(Instant at) {
        long unit = Math.max(1, resolution.toNanos());
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        long t = Math.floorDiv(nanos, unit) * unit;
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    }

    private Map<String, String> normalise(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, v == null ? null : normaliser.apply(k, v)));
        return out;
    }

    private String refused(Map<String, String> fields) {
        for (String f : fields.keySet()) {
            if (rejected.containsKey(f)) {
                return f;
            }
        }
        return null;
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Stored require(String type, String id) {
        Stored s = data.get(type).get(id);
        if (s == null) {
            throw new IllegalArgumentException(system + "/" + type + "/" + id + " does not exist");
        }
        return s;
    }

    private void requireType(String type) {
        if (!data.containsKey(type)) {
            throw new IllegalArgumentException(system + " has no type " + type);
        }
    }

}
